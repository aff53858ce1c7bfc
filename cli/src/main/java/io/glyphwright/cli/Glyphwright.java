package io.glyphwright.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The commands behind {@code ./glyphwright}. Errors end in one line a person can act on. */
@Command(
    name = "glyphwright",
    mixinStandardHelpOptions = true,
    versionProvider = Glyphwright.Version.class,
    description =
        "Text-in-image generation: plan a layout, draw glyph masks, generate images with the"
            + " diffusion model.",
    subcommands = {
      LayoutCommand.class,
      RenderCommand.class,
      GenerateCommand.class,
      OcrCommand.class,
      EvalCommand.class,
      DatasetCommand.class,
      TrainCommand.class
    })
public final class Glyphwright implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Glyphwright());
    cli.setExecutionExceptionHandler(Glyphwright::reportFailure);
    cli.setParameterExceptionHandler(Glyphwright::reportBadArguments);
    return cli;
  }

  /** Known failures are the user's to fix: one line, no stack trace. */
  private static int reportFailure(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (isUsersToFix(e)) {
      err.println(cmd.getCommandSpec().qualifiedName(" ") + ": " + e.getMessage());
      return 2;
    }
    if (System.getenv("GLYPHWRIGHT_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println(
          cmd.getCommandSpec().qualifiedName(" ")
              + ": internal error ("
              + e
              + "); set GLYPHWRIGHT_DEBUG=1 to see the stack trace");
    }
    return 1;
  }

  /**
   * Failures a person can act on from the message alone: bad input, files, set-up (missing OCR
   * models), an LLM endpoint that is down or refuses.
   */
  private static boolean isUsersToFix(Exception e) {
    return e instanceof IllegalArgumentException
        || e instanceof java.io.IOException
        || e instanceof java.io.UncheckedIOException
        || e instanceof io.glyphwright.layout.llm.LlmPlannerException
        || e instanceof io.glyphwright.ocr.OcrException;
  }

  private static int reportBadArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName(" ") + ": " + e.getMessage());
    cmd.getErr()
        .println(
            "see: ./glyphwright "
                + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^glyphwright ?", "")
                + " --help");
    return 2;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Glyphwright.class.getPackage().getImplementationVersion();
      return new String[] {"glyphwright " + (v == null ? "development build" : v)};
    }
  }
}
