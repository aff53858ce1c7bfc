package io.glyphwright.layout.lm;

import io.glyphwright.core.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of named float32 tensors after a JSON header: the layout model's weights and the trainer's
 * checkpoints. Layout: the magic {@code GWTENSOR}, format version (int), header length and UTF-8
 * bytes, tensor count, then per tensor its name, rank, dimensions and little-endian float32 values.
 * Written through {@link AtomicFiles} (temporary file, sync, rename), so a reader never sees half a
 * file; the file is readable by all (0644).
 */
final class TensorFile {
  private static final byte[] MAGIC = "GWTENSOR".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int MAX_RANK = 8;

  /** A tensor: its shape and its values in row-major order. */
  record Tensor(int[] shape, float[] data) {
    Tensor {
      shape = shape.clone();
      long n = 1;
      for (int d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
        }
        n *= d;
      }
      if (n != data.length) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " holds " + n + " values, not " + data.length);
      }
    }

    @Override
    public int[] shape() {
      return shape.clone();
    }
  }

  /** What a file holds. */
  record Contents(String header, Map<String, Tensor> tensors) {}

  private TensorFile() {}

  static void write(Path file, String header, Map<String, Tensor> tensors) throws IOException {
    Path tmp = AtomicFiles.tempFor(file);
    try {
      try (FileOutputStream raw = new FileOutputStream(tmp.toFile());
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        out.write(MAGIC);
        out.writeInt(VERSION);
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        out.writeInt(h.length);
        out.write(h);
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
          out.writeUTF(e.getKey());
          int[] shape = e.getValue().shape;
          out.writeInt(shape.length);
          for (int d : shape) {
            out.writeInt(d);
          }
          float[] data = e.getValue().data();
          ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
          buf.asFloatBuffer().put(data);
          out.write(buf.array());
        }
        out.flush();
        raw.getFD().sync();
      }
      AtomicFiles.publish(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws IOException naming the file when it is not such a file, is cut short or is damaged
   */
  static Contents read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + " is not a Glyphwright tensor file (no GWTENSOR header)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(
            file + " has tensor file version " + version + "; this build reads " + VERSION);
      }
      int headerLength = in.readInt();
      if (headerLength < 0 || headerLength > (1 << 26)) {
        throw new IOException(file + " is damaged: header length " + headerLength);
      }
      byte[] h = new byte[headerLength];
      in.readFully(h);
      int count = in.readInt();
      if (count < 0 || count > 100_000) {
        throw new IOException(file + " is damaged: " + count + " tensors");
      }
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > MAX_RANK) {
          throw new IOException(file + " is damaged: tensor " + name + " has rank " + rank);
        }
        int[] shape = new int[rank];
        long n = 1;
        for (int k = 0; k < rank; k++) {
          shape[k] = in.readInt();
          n *= shape[k];
          if (shape[k] < 0 || n > (1L << 28)) {
            throw new IOException(
                file + " is damaged: tensor " + name + " has shape " + Arrays.toString(shape));
          }
        }
        byte[] bytes = new byte[Math.toIntExact(n * 4)];
        in.readFully(bytes);
        float[] data = new float[(int) n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        tensors.put(name, new Tensor(shape, data));
      }
      if (in.read() != -1) {
        throw new IOException(file + " is damaged: bytes after the last tensor");
      }
      return new Contents(new String(h, StandardCharsets.UTF_8), tensors);
    } catch (EOFException e) {
      throw new IOException(file + " is cut short", e);
    }
  }
}
