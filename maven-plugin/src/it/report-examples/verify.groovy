def dir = new File(basedir, 'target/chainrule/report')
['index.html', 'dev.chainrule.examples.chapter.Pricing.html', 'dev.chainrule.examples.chapter.Layers.html',
 'dev.chainrule.examples.finance.BlackScholes.html', 'dev.chainrule.examples.network.TwoLayerNet.html',
 'dev.chainrule.examples.speed.Rosenbrock.html'].each { assert new File(dir, it).isFile() : "no $it" }
// The pages' contents are checked with an HTML parser by ReportPagesAfterInvokerTest.
return true
