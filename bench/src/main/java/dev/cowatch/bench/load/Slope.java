package dev.cowatch.bench.load;

import java.util.List;

/** The least-squares line through samples: how fast a quantity grows per unit of time. */
final class Slope {
  private Slope() {}

  /** Slope of y over x by ordinary least squares; NaN with fewer than two distinct x. */
  static double of(List<double[]> xy) {
    int n = xy.size();
    if (n < 2) return Double.NaN;
    double mx = 0;
    double my = 0;
    for (double[] p : xy) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (double[] p : xy) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
