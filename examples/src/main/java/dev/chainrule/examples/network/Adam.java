package dev.chainrule.examples.network;

/**
 * The Adam optimiser (Kingma and Ba, 2015) for the four parameter arrays of a {@link Network}:
 * per-parameter steps scaled by running estimates of the gradient's first and second moments.
 */
public final class Adam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final double learningRate;
  private final double[][] mw1;
  private final double[][] vw1;
  private final double[] mb1;
  private final double[] vb1;
  private final double[][] mw2;
  private final double[][] vw2;
  private final double[] mb2;
  private final double[] vb2;
  private int steps;

  /**
   * An optimiser for a network of {@code network}'s shape.
   *
   * @param network gives the shapes of the moment estimates
   * @param learningRate the step size α
   */
  public Adam(Network network, double learningRate) {
    this.learningRate = learningRate;
    int inputs = network.inputs();
    int hidden = network.hidden();
    int classes = network.classes();
    mw1 = new double[inputs][hidden];
    vw1 = new double[inputs][hidden];
    mb1 = new double[hidden];
    vb1 = new double[hidden];
    mw2 = new double[hidden][classes];
    vw2 = new double[hidden][classes];
    mb2 = new double[classes];
    vb2 = new double[classes];
  }

  /**
   * Moves the parameters one step against the gradient.
   *
   * @param network the parameters, updated in place
   * @param gradient the gradient of the loss, as accumulated by the generated pullback
   */
  public void step(Network network, TwoLayerNetDerivatives.LossAdjoint gradient) {
    steps++;
    double correction1 = 1 - Math.pow(BETA1, steps);
    double correction2 = 1 - Math.pow(BETA2, steps);
    double stepSize = learningRate * Math.sqrt(correction2) / correction1;
    update(network.w1, gradient.w1, mw1, vw1, stepSize);
    update(network.b1, gradient.b1, mb1, vb1, stepSize);
    update(network.w2, gradient.w2, mw2, vw2, stepSize);
    update(network.b2, gradient.b2, mb2, vb2, stepSize);
  }

  private static void update(
      double[][] params, double[][] grads, double[][] m, double[][] v, double stepSize) {
    for (int r = 0; r < params.length; r++) {
      update(params[r], grads[r], m[r], v[r], stepSize);
    }
  }

  private static void update(
      double[] params, double[] grads, double[] m, double[] v, double stepSize) {
    for (int i = 0; i < params.length; i++) {
      double g = grads[i];
      m[i] = BETA1 * m[i] + (1 - BETA1) * g;
      v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
      params[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + EPSILON);
    }
  }
}
