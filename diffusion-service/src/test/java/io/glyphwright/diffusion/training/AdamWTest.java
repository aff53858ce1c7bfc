package io.glyphwright.diffusion.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {
  @Test
  void stepsLeaveNoArraysBehindAndMoveTheWeightsDownhill() {
    System.setProperty("ai.djl.offline", "true");
    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager root = engine.newBaseManager()) {
      Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      NDArray values =
          root.create(new float[] {1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12}, new Shape(4, 3));
      values.setRequiresGradient(true);
      w.setArray(values);
      AdamW adam = new AdamW(List.of(w), root, 0.9f, 0.999f, 1e-8f, 0f, 1f);
      float before = w.getArray().square().sum().getFloat();
      int arrays = -1;
      for (int step = 1; step <= 5; step++) {
        // As in the trainer: the step's arrays live in a sub-manager closed after the step.
        try (NDManager m = root.newSubManager();
            GradientCollector gc = engine.newGradientCollector()) {
          NDArray squares = w.getArray().square();
          squares.attach(m);
          gc.backward(squares.sum());
        }
        adam.step(0.1f);
        int now = root.getManagedArrays().size();
        if (arrays >= 0) {
          assertEquals(arrays, now, "arrays held by the run's manager after step " + step);
        }
        arrays = now;
      }
      assertTrue(w.getArray().square().sum().getFloat() < before, "the loss Σw² went down");
    }
  }
}
