import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/chainrule/check.json'))
def sum = report.methods.find { it.method == 'sum' }
assert sum.status == 'UNCHECKED'
assert sum.reason.startsWith('parameter v is double[]: give its size with @CheckPoints(lengths = {...})')
assert report.methods.find { it.method == 'square' }.status == 'PASSED'
def out = report.methods.find { it.method == 'tenByTen' }
assert out.status == 'UNCHECKED'
assert out.reason.startsWith('no @Out y of 1 to 64 elements lets tenByTen run at the first point (the last threw java.lang.ArrayIndexOutOfBoundsException')
assert out.reason.endsWith('give its size with @CheckPoints(lengths = {...})')
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] ChainRule unchecked: Arrays.sum: parameter v is double[]')
assert log.contains('ChainRule check failed: 3 methods: 1 passed, 0 failed, 2 unchecked')
return true
