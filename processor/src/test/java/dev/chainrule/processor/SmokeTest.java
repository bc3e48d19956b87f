package dev.chainrule.processor;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void prints() {
    Compiled c = Compiled.of("p.Net", """
        package p;
        import dev.chainrule.Differentiable;
        import dev.chainrule.NoDerivative;
        public final class Net {
          static final double RATE = 0.5;
          @Differentiable
          static double sigmoid(double x) {
            return 1 / (1 + Math.exp(-x));
          }
          @Differentiable
          static double dot(double[] w, double[] x) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              s += w[i] * x[i];
            }
            return s;
          }
          @Differentiable
          static double loss(double[] w, double b, @NoDerivative double[][] X, @NoDerivative double[] y) {
            double total = 0;
            for (int i = 0; i < X.length; i++) {
              double p = sigmoid(dot(w, X[i]) + b);
              total += -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
            }
            return total / X.length;
          }
          @Differentiable
          static double newton(double a) {
            double x = a;
            int k = 0;
            while (k < 30) {
              x = 0.5 * (x + a / x);
              k++;
            }
            return x;
          }
          @Differentiable
          static double piecewise(double x, double y) {
            if (x > 1) {
              return x * y;
            } else if (x < -1) {
              return Math.sin(x) * RATE;
            }
            double z = x > 0 ? x : 0;
            for (int i = 0; i < 10; i++) {
              if (z > 3) break;
              if (i % 2 == 0) continue;
              z = z * y + 1;
            }
            return z;
          }
          @Differentiable
          static double matvec(double[][] A, double[] v) {
            double[] u = new double[A.length];
            for (int i = 0; i < A.length; i++) {
              for (int j = 0; j < v.length; j++) {
                u[i] += A[i][j] * v[j];
              }
            }
            double n = 0;
            for (double e : u) {
              n += e * e;
            }
            return n;
          }
        }
        """);
    System.out.println(c.generated("p.NetDerivatives"));
    System.out.println(c.call("p.NetDerivatives", "lossGradient", new double[] {0.1, -0.2}, 0.3, new double[][] {{1, 2}, {3, 4}}, new double[] {1, 0}));
    System.out.println(c.call("p.NetDerivatives", "newtonGradient", 2.0));
    System.out.println(c.call("p.NetDerivatives", "piecewiseGradient", 0.5, 1.5));
    System.out.println(c.call("p.NetDerivatives", "matvecGradient", new double[][] {{1, 2}, {3, 4}}, new double[] {1, -1}));
  }
}
