package io.glyphwright.diffusion.sampling;

import java.util.Locale;

/** The registry of schedulers, by name. */
public enum SchedulerKind {
  /** {@link DdpmScheduler}: ancestral, needs many steps (≈ 100+). */
  DDPM("ddpm", "DDPM"),
  /** {@link DdimScheduler}: deterministic at η = 0; good from ≈ 25 steps. */
  DDIM("ddim", "DDIM"),
  /** {@link DpmSolverMultistepScheduler}: deterministic, second order; good from ≈ 15 steps. */
  DPM_SOLVER_PP_2M("dpm++2m", "DPM-Solver++(2M)"),
  /** {@link EulerAncestralScheduler}: stochastic, robust; ≈ 20–30 steps. */
  EULER_ANCESTRAL("euler_a", "Euler ancestral");

  private final String id;
  private final String displayName;

  SchedulerKind(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** The canonical short name ({@code ddpm}, {@code ddim}, {@code dpm++2m}, {@code euler_a}). */
  public String id() {
    return id;
  }

  /** The name people write in papers ({@code DPM-Solver++(2M)}). */
  public String displayName() {
    return displayName;
  }

  /** Whether the scheduler draws fresh noise during the run (besides the initial noise). */
  public boolean isStochastic(double eta) {
    return this == DDPM || this == EULER_ANCESTRAL || (this == DDIM && eta > 0.0);
  }

  /**
   * A scheduler for one run of {@code steps} steps.
   *
   * @param eta DDIM's η in {@code [0, 1]}; must be 0 for the other schedulers
   * @throws IllegalArgumentException if steps or eta are out of range
   */
  public Scheduler create(SchedulerConfig config, int steps, double eta) {
    if (this != DDIM && eta != 0.0) {
      throw new IllegalArgumentException(
          "eta applies to ddim only; " + id + " takes eta = 0, got " + eta);
    }
    switch (this) {
      case DDPM:
        return new DdpmScheduler(config, steps);
      case DDIM:
        return new DdimScheduler(config, steps, eta);
      case DPM_SOLVER_PP_2M:
        return new DpmSolverMultistepScheduler(config, steps);
      case EULER_ANCESTRAL:
        return new EulerAncestralScheduler(config, steps);
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Finds a scheduler by a forgiving name: case, spaces, dashes, underscores, dots and brackets do
   * not matter and {@code ++} may be written {@code pp}. Accepted, among others: {@code ddpm},
   * {@code DDIM}, {@code dpm++2m}, {@code dpmpp_2m}, {@code DPM-Solver++(2M)}, {@code
   * dpm_solver_multistep}, {@code euler_a}, {@code euler-ancestral}, {@code k_euler_a}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the canonical names
   */
  public static SchedulerKind lookup(String name) {
    String key =
        name == null
            ? ""
            : name.toLowerCase(Locale.ROOT).replace("++", "pp").replaceAll("[^a-z0-9]", "");
    switch (key) {
      case "ddpm":
        return DDPM;
      case "ddim":
        return DDIM;
      case "dpmpp2m":
      case "dpmsolverpp2m":
      case "dpmsolverpp":
      case "dpmpp":
      case "dpmsolvermultistep":
      case "kdpmpp2m":
        return DPM_SOLVER_PP_2M;
      case "eulera":
      case "eulerancestral":
      case "eulerancestraldiscrete":
      case "keulera":
      case "keulerancestral":
        return EULER_ANCESTRAL;
      default:
        StringBuilder known = new StringBuilder();
        for (SchedulerKind kind : values()) {
          known.append(known.length() == 0 ? "" : ", ").append(kind.id);
        }
        throw new IllegalArgumentException(
            "unknown scheduler '" + name + "'; use one of: " + known);
    }
  }
}
