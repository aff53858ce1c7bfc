package io.glyphwright.layout.lm;

/**
 * Settings DJL reads once, when its engine first loads: offline (no network probe at start, the
 * PyTorch native library comes from the Maven artifact), no usage tracking, and one PyTorch thread
 * unless the caller chose otherwise — the layout model is small, and more threads only fight the
 * other work on a two-core machine.
 */
final class DjlEngine {
  private DjlEngine() {}

  static synchronized void configure() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("DJL_OFFLINE", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
