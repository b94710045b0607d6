package dev.inkan.cli;

import dev.inkan.generator.cli.SpecCommand;
import dev.inkan.phone.cli.CardCommand;
import dev.inkan.properties.cli.ExploreCommand;
import dev.inkan.phone.cli.PhoneCommand;
import dev.inkan.se.cli.SeCommand;
import dev.inkan.tsm.cli.JpkiCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code inkan} command: one entry point for every tool of the project. */
@Command(name = "inkan",
        mixinStandardHelpOptions = true,
        version = "inkan 0.1.0",
        description = "Spec-driven reference implementation of JPKI on a smartphone secure element.",
        subcommands = {DemoCommand.class, SpecCommand.class, SeCommand.class, CardCommand.class, PhoneCommand.class, ExploreCommand.class,
            JpkiCommand.class,
            CommandLine.HelpCommand.class})
public final class InkanCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new InkanCommand()).execute(args));
    }
}
