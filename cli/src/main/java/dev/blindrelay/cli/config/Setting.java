package dev.blindrelay.cli.config;

import org.apache.commons.cli.Option;

/**
 * One setting: its flag ({@code --port}), which is also its key in a {@code --config} file, and its
 * default. Every command draws its options from {@link Settings#CATALOG}, so a key means the same
 * thing everywhere.
 *
 * @param key          long flag name and properties key
 * @param argument     name of the value in help ("PORT"), or null for an on/off switch
 * @param defaultValue used when neither the flag nor the file sets it; null when there is none
 * @param description  one line of help
 */
public record Setting(String key, String argument, String defaultValue, String description) {

    public boolean isSwitch() {
        return argument == null;
    }

    Option toOption() {
        Option.Builder builder = Option.builder().longOpt(key).desc(description
                + (defaultValue == null || isSwitch() ? "" : " (default: " + defaultValue + ")"));
        if (!isSwitch()) {
            builder.hasArg().argName(argument);
        }
        return builder.get();
    }
}
