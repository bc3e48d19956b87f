package dev.chainrule.examples.report;

import dev.chainrule.examples.network.Trainer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG chart of a training run: the loss on top, train and test accuracy below, against the
 * epoch. Drawn without a display ({@code java.awt.headless} is set if nobody set it).
 */
public final class TrainingChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 640;

  private TrainingChart() {}

  /**
   * Draws the chart and writes it as PNG, creating the parent folders.
   *
   * @param history one entry per epoch
   * @param title the chart's title
   * @param file where to write the PNG
   * @throws IOException if the file cannot be written
   */
  public static void write(List<Trainer.Epoch> history, String title, Path file)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYSeries loss = new XYSeries("mini-batch loss (mean per epoch)");
    XYSeries train = new XYSeries("train accuracy");
    XYSeries test = new XYSeries("test accuracy");
    for (Trainer.Epoch epoch : history) {
      loss.add(epoch.epoch(), epoch.loss());
      train.add(epoch.epoch(), 100 * epoch.trainAccuracy());
      test.add(epoch.epoch(), 100 * epoch.testAccuracy());
    }

    NumberAxis lossAxis = new NumberAxis("loss");
    XYPlot lossPlot =
        new XYPlot(new XYSeriesCollection(loss), null, lossAxis, renderer(new Color(0x1f77b4)));
    NumberAxis accuracyAxis = new NumberAxis("accuracy (%)");
    accuracyAxis.setAutoRangeIncludesZero(false);
    XYSeriesCollection accuracies = new XYSeriesCollection(train);
    accuracies.addSeries(test);
    XYPlot accuracyPlot =
        new XYPlot(
            accuracies, null, accuracyAxis, renderer(new Color(0x2ca02c), new Color(0xd62728)));

    NumberAxis epochAxis = new NumberAxis("epoch");
    epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    epochAxis.setRange(1, Math.max(2, history.size()));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
    plot.setGap(12);
    plot.add(lossPlot, 1);
    plot.add(accuracyPlot, 1);
    for (XYPlot subplot : List.of(lossPlot, accuracyPlot)) {
      subplot.setBackgroundPaint(Color.WHITE);
      subplot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      subplot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  private static XYLineAndShapeRenderer renderer(Color... colors) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int series = 0; series < colors.length; series++) {
      renderer.setSeriesPaint(series, colors[series]);
      renderer.setSeriesStroke(series, new BasicStroke(2f));
    }
    return renderer;
  }
}
