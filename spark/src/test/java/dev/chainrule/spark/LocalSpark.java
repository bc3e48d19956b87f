package dev.chainrule.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session every test of this module shares: {@code local[2]}, no UI, bound to the
 * loopback address. Starting Spark costs seconds, so it starts once per test JVM, on first use, and
 * Spark's own shutdown hook stops it when the JVM exits.
 */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /** The shared session, started on first use. */
  static synchronized SparkSession session() {
    if (session == null) {
      SparkConf conf = new SparkConf()
          .setMaster("local[2]")
          .setAppName("chainrule-spark-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.sql.shuffle.partitions", "2");
      session = SparkSession.builder().config(conf).getOrCreate();
    }
    return session;
  }

  /** The shared session's Java context. */
  static JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(session().sparkContext());
  }
}
