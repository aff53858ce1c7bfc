package io.glyphwright.dataset.build;

import io.glyphwright.dataset.CorpusSample;
import java.io.Serializable;
import java.util.Objects;

/**
 * One input sample as read, before any decoding: the image's bytes and its sidecars' bytes, exactly
 * as found. Plain data (strings and byte arrays), so it serialises as it is.
 *
 * <p>The arrays are not copied; do not change them.
 *
 * @param key the sample's corpus key (see {@link SampleKeys})
 * @param source where it came from: the {@code url} of its {@code KEY.json} when there is one, else
 *     {@code INPUT/path/of/image.jpg} or {@code INPUT.tar!member.jpg}
 * @param imageName the image's file or member name (its extension hints at the format; the bytes
 *     decide)
 * @param image the image's bytes
 * @param caption the {@code KEY.txt} bytes, or null when there is none
 * @param metadata the {@code KEY.json} bytes (img2dataset's metadata), or null
 */
public record RawSample(
    String key, String source, String imageName, byte[] image, byte[] caption, byte[] metadata)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RawSample {
    CorpusSample.requireValidKey(key);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(imageName, "imageName");
    Objects.requireNonNull(image, "image");
  }
}
