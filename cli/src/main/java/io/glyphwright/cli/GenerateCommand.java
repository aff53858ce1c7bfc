package io.glyphwright.cli;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.Td2Format;
import io.glyphwright.diffusion.generate.GeneratedImage;
import io.glyphwright.diffusion.generate.GenerationException;
import io.glyphwright.diffusion.generate.GenerationRequest;
import io.glyphwright.diffusion.generate.GenerationResult;
import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.generate.LineVerdict;
import io.glyphwright.diffusion.generate.PngMetadata;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.eval.fidelity.OcrTextCheck;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.Planners;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ./glyphwright generate}: a prompt (and layout) to PNG images with the diffusion model. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate images with the glyph-conditioned diffusion model: plan a layout for the prompt"
          + " (or take --layout), draw its glyph mask, sample the UNet, read every image back"
          + " with OCR.",
      "Quote the texts to show, e.g. \"A poster that says 'SUMMER SALE' and '50%% OFF'\".",
      "With --n K > 1 the images are FILE-1.png .. FILE-K.png. Each PNG carries its parameters"
          + " (iTXt 'glyphwright'); see docs/GENERATION.md."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the prompt")
  String prompt;

  @Option(
      names = "--layout",
      paramLabel = "FILE|-",
      description =
          "layout file (TD2 lines or JSON), or - for standard input; default: plan one with"
              + " --planner")
  String layoutSource;

  @Option(
      names = "--planner",
      defaultValue = "auto",
      paramLabel = "NAME",
      description = "auto | heuristic | lm | llm, when no --layout (default ${DEFAULT-VALUE})")
  String planner;

  @Option(
      names = "--width",
      paramLabel = "W",
      description = "canvas width (default: the model's training size, 256 for glyph-unet-s)")
  Integer width;

  @Option(
      names = "--height",
      paramLabel = "H",
      description = "canvas height (default: the model's training size)")
  Integer height;

  @Option(
      names = "--steps",
      defaultValue = "20",
      paramLabel = "N",
      description = "sampling steps, 1..200 (default ${DEFAULT-VALUE})")
  int steps;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "seed of the first image; image i uses S+i (default: a random one, printed)")
  Long seed;

  @Option(
      names = "--guidance",
      defaultValue = "" + GenerationRequest.DEFAULT_GUIDANCE,
      paramLabel = "G",
      description = "classifier-free guidance scale, 0..30 (default ${DEFAULT-VALUE})")
  double guidance;

  @Option(
      names = "--guidance-mode",
      paramLabel = "MODE",
      description =
          "what the unconditional pass of guidance goes without: glyphs (guidance on the glyphs,"
              + " the prompt taken once: sharp letters, the prompt's colours as asked; 3 passes,"
              + " ~1.5x the time) | text+glyphs (the prompt and the glyphs: sharp letters, the"
              + " prompt's colours pushed further) | text (the prompt only; reads far worse)"
              + " (default: the generator's, glyphs)")
  String guidanceMode;

  @Option(
      names = "--prompt-guidance",
      paramLabel = "S",
      description =
          "in the glyphs mode, the scale of the prompt's part (default 2; 1 takes it once):"
              + " higher pushes the colours the prompt names further (backgrounds follow them more"
              + " often); 0..30, glyphs mode only (1 in the others)")
  Double promptGuidance;

  @Option(
      names = "--scheduler",
      defaultValue = "dpm++2m",
      paramLabel = "NAME",
      description = "ddpm | ddim | dpm++2m | euler_a (default ${DEFAULT-VALUE})")
  String scheduler;

  @Option(
      names = "--n",
      defaultValue = "1",
      paramLabel = "K",
      description = "images to make, 1..8 (default ${DEFAULT-VALUE})")
  int n;

  @Option(
      names = "--best-of",
      defaultValue = "1",
      paramLabel = "K",
      description =
          "candidates per image, 1..16; the one the judge reads best is kept (default"
              + " ${DEFAULT-VALUE})")
  int bestOf;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "model package folder (default: the installed one, models/glyph-unet-s)")
  Path model;

  @Option(
      names = "--judge",
      defaultValue = "ppocr",
      paramLabel = "ENGINE",
      description =
          "OCR engine that reads every image back: ppocr | tesseract | none (default"
              + " ${DEFAULT-VALUE})")
  String judge;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.png",
      description = "the image; with --n K > 1, FILE-1.png .. FILE-K.png")
  Path out;

  @Option(
      names = "--meta",
      paramLabel = "F.json",
      description =
          "also write JSON: parameters, model name and sha256, planner, and per image its file,"
              + " seed, kept candidate and verdicts")
  Path meta;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "ONNX Runtime threads for the UNet and the prompt encoder (default: all cores)")
  Integer threads;

  @Override
  public Integer call() throws IOException {
    UnetModels.checkThreads(threads);
    String outName = out.getFileName() == null ? "" : out.getFileName().toString();
    if (!outName.toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new IllegalArgumentException("--out must name a .png file, got '" + out + "'");
    }
    String engineName = judge.strip().toLowerCase(Locale.ROOT);
    boolean check = !engineName.equals("none");
    if (bestOf > 1 && !check) {
      throw new IllegalArgumentException(
          "--best-of " + bestOf + " needs a judge to choose: use --judge ppocr or tesseract");
    }
    long firstSeed = seed != null ? seed : new SecureRandom().nextLong() >>> 1;
    // The generator's own range checks, before anything slow is loaded.
    GenerationRequest template =
        request(prompt, new Layout(new Canvas(16, 16), List.of()), firstSeed);

    PrintWriter err = spec.commandLine().getErr();
    GlyphUnetPackage pkg = UnetModels.load(model);
    try (OcrEngine engine = check ? openJudge(engineName) : null) {
      return generate(pkg, engine, firstSeed, template, err);
    }
  }

  private int generate(
      GlyphUnetPackage pkg,
      OcrEngine engine,
      long firstSeed,
      GenerationRequest template,
      PrintWriter err)
      throws IOException {
    boolean check = engine != null;
    Canvas canvas =
        new Canvas(
            width == null ? pkg.resolution() : width, height == null ? pkg.resolution() : height);
    GlyphRenderer renderer = GlyphRenderer.system();
    Layout layout;
    String plannerName;
    if (layoutSource != null) {
      String text = LayoutInput.read(layoutSource, System.in);
      layout =
          LayoutInput.parse(
              text,
              width == null ? canvas.width() : width,
              height == null ? canvas.height() : height,
              LayoutLimits.DEFAULT);
      plannerName = "layout file " + layoutSource;
    } else {
      LayoutPlanner chosen = Planners.byName(planner, renderer);
      PlanResult plan = chosen.plan(new PlanRequest(prompt, canvas));
      for (String message : plan.messages()) {
        err.println("note: " + message);
      }
      layout = plan.layout();
      plannerName = plan.planner();
    }
    GenerationRequest req =
        new GenerationRequest(
            template.prompt(),
            layout,
            template.steps(),
            template.guidance(),
            template.scheduler(),
            firstSeed,
            template.n(),
            template.bestOf(),
            template.guidanceMode(),
            template.promptGuidance());
    err.printf(
        Locale.ROOT,
        "generate: model %s (sha256 %s), %dx%d, %d line(s) planned by %s, %d step(s) %s,"
            + " guidance %s (%s, prompt %s), seed %d, %d image(s) × best of %d%n",
        pkg.name(),
        pkg.onnxSha256().substring(0, 12),
        layout.width(),
        layout.height(),
        layout.lines().size(),
        plannerName,
        req.steps(),
        req.scheduler(),
        req.guidance(),
        req.guidanceMode().id(),
        req.promptGuidance(),
        req.seed(),
        req.n(),
        req.bestOf());
    err.flush();

    GenerationResult result;
    String judgeName = check ? engine.name() : "none";
    try (Generator generator =
        UnetModels.open(pkg, check ? new OcrTextCheck(engine) : null, threads)) {
      int every = Math.max(1, req.steps() / 4);
      result =
          generator.generate(
              req,
              (step, total, preview) -> {
                int run = (step - 1) / req.steps();
                int inRun = step - run * req.steps();
                if (inRun % every == 0 || inRun == req.steps()) {
                  err.printf(
                      "generate: sampler run %d/%d step %d/%d%n",
                      run + 1, total / req.steps(), inRun, req.steps());
                  err.flush();
                }
              },
              null);
    } catch (GenerationException e) {
      throw new IllegalStateException("generation failed: " + e.getMessage(), e);
    }

    List<Path> files = new ArrayList<>();
    for (GeneratedImage image : result.images()) {
      Path file = fileFor(out, image.index(), result.images().size());
      createParent(file);
      PngMetadata.write(file, result, image.index());
      files.add(file);
    }
    if (meta != null) {
      createParent(meta);
      Files.writeString(
          meta,
          metaJson(result, files, layout, plannerName, judgeName, pkg),
          StandardCharsets.UTF_8);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    for (GeneratedImage image : result.images()) {
      stdout.println(describe(files.get(image.index()), image, check));
    }
    stdout.flush();
    return 0;
  }

  private GenerationRequest request(String text, Layout layout, long s) {
    try {
      GuidanceMode mode = guidanceMode == null ? null : GuidanceMode.lookup(guidanceMode);
      return new GenerationRequest(
          text,
          layout,
          steps,
          guidance,
          scheduler,
          s,
          n,
          bestOf,
          mode,
          promptGuidance == null ? GenerationRequest.defaultPromptGuidance(mode) : promptGuidance);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(OptionMessages.withOptionNames(e.getMessage()), e);
    }
  }

  /** {@code out} itself for one image; {@code NAME-1.png} .. {@code NAME-K.png} for several. */
  static Path fileFor(Path out, int index, int count) {
    if (count == 1) {
      return out;
    }
    String name = out.getFileName().toString();
    String stem = name.substring(0, name.length() - ".png".length());
    return out.resolveSibling(stem + "-" + (index + 1) + name.substring(stem.length()));
  }

  /** {@code out.png seed 7 read 2/2: 'SUMMER SALE' ✓ 0.98, '50% OFF' ✓ 0.95}. */
  static String describe(Path file, GeneratedImage image, boolean checked) {
    StringBuilder b = new StringBuilder().append(file).append("  seed ").append(image.seed());
    if (image.candidate() > 0) {
      b.append(" (candidate ").append(image.candidate() + 1).append(')');
    }
    if (!checked) {
      return b.append("  not read back (--judge none)").toString();
    }
    b.append("  read ").append(image.linesRead()).append('/').append(image.verdicts().size());
    String sep = ": ";
    for (LineVerdict v : image.verdicts()) {
      b.append(sep).append('\'').append(v.text()).append("' ").append(v.read() ? '✓' : '✗');
      b.append(String.format(Locale.ROOT, " %.2f", v.score()));
      if (!v.read()) {
        b.append(" (read '").append(v.readAs()).append("')");
      }
      sep = ", ";
    }
    return b.toString();
  }

  private String metaJson(
      GenerationResult result,
      List<Path> files,
      Layout layout,
      String plannerName,
      String judgeName,
      GlyphUnetPackage pkg) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    GenerationRequest r = result.request();
    ObjectNode params = root.putObject("parameters");
    params.put("prompt", r.prompt());
    params.put("width", layout.width());
    params.put("height", layout.height());
    params.put("steps", r.steps());
    params.put("guidance", r.guidance());
    params.put("guidanceMode", r.guidanceMode().id());
    params.put("promptGuidance", r.promptGuidance());
    params.put("scheduler", r.scheduler());
    params.put("seed", r.seed());
    params.put("n", r.n());
    params.put("bestOf", r.bestOf());
    params.put("judge", judgeName);
    ObjectNode m = root.putObject("model");
    m.put("name", result.modelName());
    m.put("sha256", result.modelSha256());
    m.put("dir", pkg.dir().toString());
    root.put("planner", plannerName);
    root.put("layout", Td2Format.print(layout));
    ArrayNode images = root.putArray("images");
    for (GeneratedImage image : result.images()) {
      ObjectNode i = images.addObject();
      i.put("file", files.get(image.index()).toString());
      i.put("index", image.index());
      i.put("seed", image.seed());
      i.put("candidate", image.candidate());
      ArrayNode verdicts = i.putArray("verdicts");
      for (LineVerdict v : image.verdicts()) {
        verdicts
            .addObject()
            .put("text", v.text())
            .put("read", v.read())
            .put("score", v.score())
            .put("readAs", v.readAs());
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static OcrEngine openJudge(String name) {
    try {
      return OcrEngines.open(name);
    } catch (OcrException e) {
      throw new IllegalArgumentException("judge '" + name + "' cannot start: " + e.getMessage(), e);
    }
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
