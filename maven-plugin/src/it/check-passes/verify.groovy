import groovy.json.JsonSlurper

def json = new File(basedir, 'target/chainrule/check.json')
assert json.isFile() : 'check.json was not written'
def report = new JsonSlurper().parse(json)
assert report.methods.size() == 4
report.methods.each { m ->
  assert m.status == 'PASSED' : "${m.method}: ${m.status} ${m.failures}"
  // Every derivative the processor generated is checked: reverse and forward mode.
  assert m.checked == ['Gradient', 'Pullback', 'Tangent', 'Pushforward'].collect { m.method + it } : "${m.method} checked ${m.checked}"
  assert m.unchecked.isEmpty() : "${m.method}: ${m.unchecked}"
}
def volume = report.methods.find { it.method == 'volume' }
assert volume.points == 2 : 'the provider gives two points'
assert volume.firstPoint == 'side=1.5'
assert new File(basedir, 'target/chainrule/check.txt').text.contains('PASSED    Shapes.entropy')
def log = new File(basedir, 'build.log').text
assert log.contains('ChainRule check: nothing changed since the last check (4 methods: 4 passed, 0 failed, 0 unchecked')
assert new File(basedir, 'target/chainrule/report/index.html').text.contains('com.example.Shapes.html#entropy')
assert log.contains('chainrule:check')
assert log.contains('chainrule.failOnUnchecked')
return true
