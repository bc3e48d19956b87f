import groovy.json.JsonSlurper

def json = new File(basedir, 'target/chainrule/check.json')
assert json.isFile() : 'check.json was not written'
def report = new JsonSlurper().parse(json)
def index = new JsonSlurper().parse(new File(basedir, 'target/classes/META-INF/chainrule/com.example.Shapes.json'))
assert report.methods.size() == 7
report.methods.each { m ->
  assert m.status == 'PASSED' : "${m.method}: ${m.status} ${m.failures}"
  // Every derivative the processor generated (the index lists them) is checked.
  def generated = index.methods.find { it.name == m.method }.derivatives.collect { it.method }
  assert m.checked == generated : "${m.method} checked ${m.checked}, generated ${generated}"
  assert m.unchecked.isEmpty() : "${m.method}: ${m.unchecked}"
}
def checked = { name -> report.methods.find { it.method == name }.checked }
assert checked('price') == ['Gradient', 'Pullback', 'Tangent', 'Pushforward'].collect { 'price' + it }
assert checked('polar') == ['Pullback', 'Tangent', 'Pushforward', 'MultiPushforward', 'Jacobian', 'JacobianForward',
    'JacobianReverse'].collect { 'polar' + it }
assert checked('rosenbrock') == ['Gradient', 'Pullback', 'Tangent', 'Pushforward', 'MultiPushforward', 'Hvp', 'Hessian',
    'PullbackTangent', 'MultiPullbackTangent'].collect { 'rosenbrock' + it }
assert report.methods.find { it.method == 'spherical' }.firstPoint.endsWith('y=@Out double[3]')
def volume = report.methods.find { it.method == 'volume' }
assert volume.points == 2 : 'the provider gives two points'
assert volume.firstPoint == 'side=1.5'
assert new File(basedir, 'target/chainrule/check.txt').text.contains('PASSED    Shapes.entropy')
def log = new File(basedir, 'build.log').text
assert log.contains('ChainRule check: nothing changed since the last check (7 methods: 7 passed, 0 failed, 0 unchecked')
def page = new File(basedir, 'target/chainrule/report/com.example.Shapes.html').text
assert new File(basedir, 'target/chainrule/report/index.html').text.contains('com.example.Shapes.html#entropy')
assert page.contains('rosenbrockPullbackTangent')
assert log.contains('chainrule:check')
assert log.contains('chainrule.failOnUnchecked')
assert log.contains('chainrule.modesTolerance')
return true
