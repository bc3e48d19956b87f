package dev.chainrule.maven.report;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays out a computational graph with Eclipse ELK's layered algorithm, left to right as the chapter
 * draws it. Each edge carries one inline label, centred on the edge, tall enough for the forward
 * value above the line and the backward value under it, so ELK keeps room for both.
 */
final class GraphLayout {
  /** A node to place, with its size. */
  record Box(double width, double height) {}

  /** An edge and the size its label needs. */
  record Link(int from, int to, double labelWidth) {}

  /** Where ELK put things: node boxes, edge polylines, edge label centres. */
  record Placed(double width, double height, List<double[]> nodes, List<List<double[]>> edges, List<double[]> labels) {}

  static final double LABEL_HEIGHT = 30;

  static {
    // Outside Eclipse, ELK's options (and how to copy their values) are registered by hand.
    LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
  }

  private GraphLayout() {}

  static Placed layout(List<Box> boxes, List<Link> links) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(LayeredOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 28.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 14.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 2.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
    root.setProperty(LayeredOptions.PADDING, new ElkPadding(16));
    root.setProperty(LayeredOptions.EDGE_LABELS_INLINE, true);
    // Parameters top to bottom in declaration order, where crossings allow.
    root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
    List<ElkNode> nodes = new ArrayList<>();
    for (Box b : boxes) {
      ElkNode n = ElkGraphUtil.createNode(root);
      n.setDimensions(b.width(), b.height());
      nodes.add(n);
    }
    List<ElkEdge> edges = new ArrayList<>();
    List<ElkLabel> labels = new ArrayList<>();
    for (Link l : links) {
      ElkEdge e = ElkGraphUtil.createSimpleEdge(nodes.get(l.from()), nodes.get(l.to()));
      ElkLabel label = ElkGraphUtil.createLabel(e);
      label.setText("values"); // ELK places labels that have text only
      label.setDimensions(l.labelWidth(), LABEL_HEIGHT);
      label.setProperty(LayeredOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
      label.setProperty(LayeredOptions.EDGE_LABELS_INLINE, true);
      edges.add(e);
      labels.add(label);
    }
    new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());
    List<double[]> placedNodes = new ArrayList<>();
    for (ElkNode n : nodes) {
      placedNodes.add(new double[] {n.getX(), n.getY(), n.getWidth(), n.getHeight()});
    }
    List<List<double[]>> placedEdges = new ArrayList<>();
    for (ElkEdge e : edges) {
      List<double[]> points = new ArrayList<>();
      for (ElkEdgeSection s : e.getSections()) {
        points.add(new double[] {s.getStartX(), s.getStartY()});
        for (ElkBendPoint b : s.getBendPoints()) {
          points.add(new double[] {b.getX(), b.getY()});
        }
        points.add(new double[] {s.getEndX(), s.getEndY()});
      }
      placedEdges.add(points);
    }
    List<double[]> placedLabels = new ArrayList<>();
    for (ElkLabel l : labels) {
      placedLabels.add(new double[] {l.getX() + l.getWidth() / 2, l.getY() + l.getHeight() / 2});
    }
    return new Placed(root.getWidth(), root.getHeight(), placedNodes, placedEdges, placedLabels);
  }
}
