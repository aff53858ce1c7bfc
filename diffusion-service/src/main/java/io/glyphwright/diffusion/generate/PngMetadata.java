package io.glyphwright.diffusion.generate;

import io.glyphwright.core.AtomicFiles;
import io.glyphwright.core.Td2Format;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generation parameters inside a PNG, so that every image says how to make it again. The PNG gets
 * an {@code iTXt} chunk (UTF-8, uncompressed) with the keyword {@value #KEY} holding compact JSON,
 * and a {@code tEXt} chunk {@code Software = Glyphwright}. Written with {@code javax.imageio}.
 */
public final class PngMetadata {
  /** The keyword of the chunk holding the JSON. */
  public static final String KEY = "glyphwright";

  private static final String FORMAT = "javax_imageio_png_1.0";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PngMetadata() {}

  /**
   * The JSON for image {@code k} of {@code result}: {@code prompt}, {@code layout} (TD2 text),
   * {@code width}, {@code height}, {@code seed} (the image's own), {@code steps}, {@code guidance},
   * {@code guidanceMode}, {@code promptGuidance}, {@code scheduler}, {@code candidate}, {@code
   * bestOf}, {@code model} ({@code name}, {@code sha256} of its {@code unet.onnx}) and {@code
   * verdicts} ({@code text}, {@code read}, {@code score}, {@code readAs}, one per layout line;
   * empty without a text check).
   */
  public static String describe(GenerationResult result, int k) {
    GeneratedImage image = result.images().get(k);
    GenerationRequest req = result.request();
    ObjectNode j = JSON.createObjectNode();
    j.put("prompt", req.prompt());
    j.put("layout", Td2Format.print(req.layout()));
    j.put("width", req.layout().width());
    j.put("height", req.layout().height());
    j.put("seed", image.seed());
    j.put("steps", req.steps());
    j.put("guidance", req.guidance());
    j.put("guidanceMode", req.guidanceMode().id());
    j.put("promptGuidance", req.promptGuidance());
    j.put("scheduler", req.scheduler());
    j.put("candidate", image.candidate());
    j.put("bestOf", req.bestOf());
    ObjectNode model = j.putObject("model");
    model.put("name", result.modelName());
    model.put("sha256", result.modelSha256());
    ArrayNode verdicts = j.putArray("verdicts");
    for (LineVerdict v : image.verdicts()) {
      verdicts
          .addObject()
          .put("text", v.text())
          .put("read", v.read())
          .put("score", v.score())
          .put("readAs", v.readAs());
    }
    return JSON.writeValueAsString(j);
  }

  /** Writes image {@code k} of {@code result} with {@link #describe} as its metadata. */
  public static void write(Path png, GenerationResult result, int k) throws IOException {
    write(png, result.images().get(k).image(), describe(result, k));
  }

  /**
   * Writes {@code image} as a PNG whose {@value #KEY} chunk holds {@code json}; atomically ({@link
   * AtomicFiles}: a temporary file in the same folder, forced to disk, then a rename), so a reader
   * never sees half a file and a failed write leaves an existing file as it was.
   */
  public static void write(Path png, RenderedImage image, String json) throws IOException {
    Objects.requireNonNull(png, "png");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(json, "json");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try {
      Path temp = AtomicFiles.tempFor(png);
      try {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata =
            writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(image), param);
        metadata.mergeTree(FORMAT, chunks(json));
        try (RandomAccessFile file = new RandomAccessFile(temp.toFile(), "rw");
            ImageOutputStream out = new FileImageOutputStream(file)) {
          writer.setOutput(out);
          writer.write(null, new IIOImage(image, null, metadata), param);
          out.flush();
          file.getFD().sync();
        }
        AtomicFiles.publish(temp, png);
      } finally {
        Files.deleteIfExists(temp);
      }
    } finally {
      writer.dispose();
    }
  }

  private static IIOMetadataNode chunks(String json) {
    IIOMetadataNode root = new IIOMetadataNode(FORMAT);
    IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
    IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
    entry.setAttribute("keyword", KEY);
    entry.setAttribute("compressionFlag", "FALSE");
    entry.setAttribute("compressionMethod", "0");
    entry.setAttribute("languageTag", "");
    entry.setAttribute("translatedKeyword", "");
    entry.setAttribute("text", json);
    itxt.appendChild(entry);
    root.appendChild(itxt);
    IIOMetadataNode text = new IIOMetadataNode("tEXt");
    IIOMetadataNode software = new IIOMetadataNode("tEXtEntry");
    software.setAttribute("keyword", "Software");
    software.setAttribute("value", "Glyphwright");
    text.appendChild(software);
    root.appendChild(text);
    return root;
  }

  /**
   * The {@value #KEY} text of a PNG (from its {@code iTXt} chunk, else a {@code tEXt} one), or
   * empty when it has none.
   *
   * @throws IOException if the file cannot be read or is not a PNG
   */
  public static Optional<String> read(Path png) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
      if (in == null) {
        throw new IOException(png + ": cannot be read");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      ImageReader reader = null;
      while (readers.hasNext()) {
        ImageReader candidate = readers.next();
        if ("png".equalsIgnoreCase(candidate.getFormatName())) {
          reader = candidate;
          break;
        }
      }
      if (reader == null) {
        throw new IOException(png + ": not a PNG file");
      }
      try {
        reader.setInput(in, true, false);
        IIOMetadata metadata = reader.getImageMetadata(0);
        return find(metadata.getAsTree(FORMAT));
      } finally {
        reader.dispose();
      }
    }
  }

  private static Optional<String> find(Node root) {
    String fromText = null;
    for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
      for (Node e = chunk.getFirstChild(); e != null; e = e.getNextSibling()) {
        if (!(e instanceof IIOMetadataNode entry) || !KEY.equals(entry.getAttribute("keyword"))) {
          continue;
        }
        if ("iTXtEntry".equals(entry.getNodeName())) {
          return Optional.of(entry.getAttribute("text"));
        }
        if ("tEXtEntry".equals(entry.getNodeName()) && fromText == null) {
          fromText = entry.getAttribute("value");
        }
      }
    }
    return Optional.ofNullable(fromText);
  }
}
