package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values are what diffusers' schedulers give for 1000 training steps. */
class TimestepSpacingTest {

  @Test
  void trailingStartsAtTheLastTrainingStep() {
    assertArrayEquals(
        new int[] {999, 899, 799, 699, 599, 499, 399, 299, 199, 99},
        TimestepSpacing.TRAILING.timesteps(1000, 10));
    // 1000/16 = 62.5: numpy rounds halves to even.
    assertArrayEquals(
        new int[] {999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61},
        TimestepSpacing.TRAILING.timesteps(1000, 16));
    assertArrayEquals(new int[] {999}, TimestepSpacing.TRAILING.timesteps(1000, 1));
  }

  @Test
  void leadingEndsAtZero() {
    assertArrayEquals(
        new int[] {900, 800, 700, 600, 500, 400, 300, 200, 100, 0},
        TimestepSpacing.LEADING.timesteps(1000, 10));
    assertArrayEquals(
        new int[] {252, 210, 168, 126, 84, 42, 0}, TimestepSpacing.LEADING.timesteps(300, 7));
  }

  @Test
  void linspaceCoversBothEnds() {
    assertArrayEquals(
        new int[] {999, 888, 777, 666, 555, 444, 333, 222, 111, 0},
        TimestepSpacing.LINSPACE.timesteps(1000, 10));
  }

  @Test
  void everySpacingGivesStrictlyDecreasingTimestepsInRange() {
    for (TimestepSpacing spacing : TimestepSpacing.values()) {
      for (int trainSteps : new int[] {1, 7, 1000}) {
        for (int steps = 1; steps <= trainSteps; steps++) {
          int[] ts = spacing.timesteps(trainSteps, steps);
          assertEquals(steps, ts.length);
          for (int k = 0; k < steps; k++) {
            assertTrue(ts[k] >= 0 && ts[k] < trainSteps, spacing + " " + steps + ": " + ts[k]);
            if (k > 0) {
              assertTrue(ts[k] < ts[k - 1], spacing + " " + steps + " not decreasing at " + k);
            }
          }
        }
      }
    }
  }

  @Test
  void moreStepsThanTrainingStepsAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TimestepSpacing.TRAILING.timesteps(100, 101));
    assertTrue(e.getMessage().contains("1..100"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LEADING.timesteps(100, 0));
  }

  @Test
  void lookupIgnoresCase() {
    assertEquals(TimestepSpacing.TRAILING, TimestepSpacing.lookup("Trailing"));
    assertEquals(TimestepSpacing.LINSPACE, TimestepSpacing.lookup(" linspace "));
    assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.lookup("karras"));
  }
}
