import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/chainrule/check.json'))
def sum = report.methods.find { it.method == 'sum' }
assert sum.status == 'UNCHECKED'
assert sum.reason.startsWith('parameter v is double[]: give its size with @CheckPoints(lengths = {...})')
assert report.methods.find { it.method == 'square' }.status == 'PASSED'
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] ChainRule unchecked: Arrays.sum: parameter v is double[]')
assert log.contains('ChainRule check failed: 2 methods: 1 passed, 0 failed, 1 unchecked')
return true
