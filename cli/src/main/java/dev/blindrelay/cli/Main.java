package dev.blindrelay.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import dev.blindrelay.cli.bench.BenchCommand;
import dev.blindrelay.cli.command.ClientCommand;
import dev.blindrelay.cli.command.DemoCommand;
import dev.blindrelay.cli.command.KeygenCommand;
import dev.blindrelay.cli.command.ServerCommand;
import dev.blindrelay.cli.command.SuitesCommand;
import dev.blindrelay.cli.command.TransportsCommand;
import dev.blindrelay.cli.compare.CompareCommand;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code blindrelay <command> [options]}. Every failure ends as one line on standard error and a
 * non-zero exit code: 2 for a usage mistake, 1 for anything else.
 */
public final class Main {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Main(List<Command> commands) {
        commands.forEach(command -> this.commands.put(command.name(), command));
    }

    public static Main standard() {
        return new Main(List.of(new ServerCommand(), new ClientCommand(), new DemoCommand(), new SuitesCommand(),
                new TransportsCommand(), new KeygenCommand(), new CompareCommand(),
                new BenchCommand()));
    }

    public static void main(String[] args) {
        startQuickly();
        int code = standard().run(args, Console.system());
        System.exit(code);
    }

    /**
     * Two library defaults that cost start-up time and buy nothing here, unless the user set them otherwise: Netty
     * 4.2 registers its JFR events on its first buffer, which loads JFR's metadata (about 0.2 s before the first
     * frame goes out), and Guice generates a class for every provider method, where reflection is enough for a
     * handful of bindings used once.
     */
    private static void startQuickly() {
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
    }

    public int run(String[] args, Console console) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            console.out().print(usage());
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            console.err().println("error: unknown command '" + args[0] + "'; commands: "
                    + String.join(", ", commands.keySet()) + " (run 'blindrelay --help')");
            return 2;
        }
        try {
            return command.run(Arrays.copyOfRange(args, 1, args.length), console);
        } catch (UsageException e) {
            console.err().println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            console.err().println("error: " + oneLine(e));
            return 1;
        }
    }

    /** The root cause's message: Guice wraps configuration errors, the user needs only the reason. */
    static String oneLine(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ProvisionException || cause instanceof CreationException
                || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProvisionException provision && !provision.getErrorMessages().isEmpty()
                && provision.getErrorMessages().iterator().next().getCause() != null) {
            cause = provision.getErrorMessages().iterator().next().getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private String usage() {
        StringBuilder text = new StringBuilder("usage: blindrelay <command> [options]\n\n"
                + "End-to-end encrypted chat through a blind relay.\n\ncommands:\n");
        commands.values().forEach(c -> text.append(String.format("  %-11s %s%n", c.name(), c.summary())));
        text.append("\nRun 'blindrelay <command> --help' for its options.\n");
        return text.toString();
    }
}
