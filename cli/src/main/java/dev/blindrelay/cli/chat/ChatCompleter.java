package dev.blindrelay.cli.chat;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Tab completion: the commands at the start of a line, member names after a command or in text. */
final class ChatCompleter implements Completer {

    private final Supplier<Collection<String>> members;

    ChatCompleter(Supplier<Collection<String>> members) {
        this.members = members;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String first = line.words().get(0);
        boolean command = first.startsWith("/") && !first.startsWith("//");
        if (command && line.wordIndex() == 0) {
            ChatCommands.COMMANDS.forEach(name -> candidates.add(new Candidate(name)));
        } else if (!command || ChatCommands.TAKE_A_MEMBER.contains(first)) {
            members.get().forEach(name -> candidates.add(new Candidate(name)));
        }
    }
}
