package dev.chainrule.gradbench.evals;

import dev.chainrule.Differentiable;

/**
 * GradBench's {@code lstm} eval (ADBench's LSTM; {@code evals/lstm/README.md} and the reference
 * objective in {@code cpp/gradbench/evals/lstm.hpp}): an l-layer LSTM with diagonal weights run
 * over a sequence of c characters of b bits, and the mean log-likelihood of each next character.
 *
 * <p>Layouts as the eval sends them: {@code mainParams} has two rows per layer, weights then
 * biases, each four blocks of b (forget, input gate, output gate, change); {@code extraParams} is
 * the input weight, output weight and output bias; {@code state} has two rows per layer, hidden
 * then cell.
 */
public final class Lstm {
  private Lstm() {}

  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Differentiable(wrt = {"mainParams", "extraParams"})
  public static double objective(double[][] mainParams, double[][] extraParams, double[][] state,
      double[][] sequence) {
    int layers = mainParams.length / 2;
    int b = sequence[0].length;
    int c = sequence.length;
    double[][] s = new double[2 * layers][b];
    for (int r = 0; r < 2 * layers; r++) {
      for (int i = 0; i < b; i++) {
        s[r][i] = state[r][i];
      }
    }
    double[] ypred = new double[b];
    double total = 0;
    int count = 0;
    for (int t = 0; t < c - 1; t++) {
      // predict: input weight, the layers (each fed the hidden state of the one below), output
      for (int i = 0; i < b; i++) {
        ypred[i] = sequence[t][i] * extraParams[0][i];
      }
      for (int layer = 0; layer < layers; layer++) {
        for (int i = 0; i < b; i++) {
          double input = layer == 0 ? ypred[i] : s[2 * layer - 2][i];
          double hidden = s[2 * layer][i];
          double forget = sigmoid(input * mainParams[2 * layer][i] + mainParams[2 * layer + 1][i]);
          double ingate = sigmoid(hidden * mainParams[2 * layer][b + i]
              + mainParams[2 * layer + 1][b + i]);
          double outgate = sigmoid(input * mainParams[2 * layer][2 * b + i]
              + mainParams[2 * layer + 1][2 * b + i]);
          double change = Math.tanh(hidden * mainParams[2 * layer][3 * b + i]
              + mainParams[2 * layer + 1][3 * b + i]);
          s[2 * layer + 1][i] = s[2 * layer + 1][i] * forget + ingate * change;
          s[2 * layer][i] = outgate * Math.tanh(s[2 * layer + 1][i]);
        }
      }
      for (int i = 0; i < b; i++) {
        ypred[i] = s[2 * layers - 2][i] * extraParams[1][i] + extraParams[2][i];
      }
      // log-likelihood of the next character: ADBench's logsumexp adds 2 to the sum
      double sum = 0;
      for (int i = 0; i < b; i++) {
        sum += Math.exp(ypred[i]);
      }
      double lse = Math.log(sum + 2);
      for (int i = 0; i < b; i++) {
        total += sequence[t + 1][i] * (ypred[i] - lse);
      }
      count += b;
    }
    return -total / count;
  }
}
