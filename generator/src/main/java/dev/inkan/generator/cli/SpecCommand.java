package dev.inkan.generator.cli;

import picocli.CommandLine.Command;

/** {@code inkan spec}: check the models, generate every artefact, draw the diagrams. */
@Command(name = "spec",
        mixinStandardHelpOptions = true,
        description = "Check the .jsm models and generate code, tests and docs from them.",
        subcommands = {CheckCommand.class, GenerateCommand.class, DiagramCommand.class})
public final class SpecCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
