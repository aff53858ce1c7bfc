package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulerKindTest {

  @ParameterizedTest
  @CsvSource({
    "ddpm, DDPM",
    "DDPM, DDPM",
    "ddim, DDIM",
    "DDIM, DDIM",
    "dpm++2m, DPM_SOLVER_PP_2M",
    "dpmpp_2m, DPM_SOLVER_PP_2M",
    "DPM-Solver++(2M), DPM_SOLVER_PP_2M",
    "dpm_solver_multistep, DPM_SOLVER_PP_2M",
    "euler_a, EULER_ANCESTRAL",
    "Euler-Ancestral, EULER_ANCESTRAL",
    "k_euler_a, EULER_ANCESTRAL",
  })
  void lookupForgivesSpelling(String name, SchedulerKind expected) {
    assertEquals(expected, SchedulerKind.lookup(name));
  }

  @Test
  void everyCanonicalNameLooksUpItsOwnKind() {
    for (SchedulerKind kind : SchedulerKind.values()) {
      assertEquals(kind, SchedulerKind.lookup(kind.id()));
      assertEquals(kind, SchedulerKind.lookup(kind.name()));
      assertEquals(kind, SchedulerKind.lookup(kind.displayName()));
    }
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SchedulerKind.lookup("lms"));
    assertTrue(e.getMessage().contains("ddpm, ddim, dpm++2m, euler_a"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SchedulerKind.lookup(null));
  }

  @Test
  void createBuildsTheNamedScheduler() {
    SchedulerConfig config = SchedulerConfig.defaults();
    assertInstanceOf(DdpmScheduler.class, SchedulerKind.DDPM.create(config, 10, 0));
    assertInstanceOf(DdimScheduler.class, SchedulerKind.DDIM.create(config, 10, 0.3));
    assertInstanceOf(
        DpmSolverMultistepScheduler.class, SchedulerKind.DPM_SOLVER_PP_2M.create(config, 10, 0));
    assertInstanceOf(
        EulerAncestralScheduler.class, SchedulerKind.EULER_ANCESTRAL.create(config, 10, 0));
    assertEquals(10, SchedulerKind.DDPM.create(config, 10, 0).steps());
  }

  @Test
  void predictionTypesLookUpByModelPackageNames() {
    assertEquals(PredictionType.EPSILON, PredictionType.lookup("epsilon"));
    assertEquals(PredictionType.V_PREDICTION, PredictionType.lookup("v_prediction"));
    assertEquals(PredictionType.V_PREDICTION, PredictionType.lookup("v"));
    assertEquals(PredictionType.SAMPLE, PredictionType.lookup("x0"));
    assertThrows(IllegalArgumentException.class, () -> PredictionType.lookup("flow"));
  }
}
