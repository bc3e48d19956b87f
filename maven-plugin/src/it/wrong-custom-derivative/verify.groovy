def log = new File(basedir, 'build.log').text
// The method, the point, the partial, the generated and the numeric value, the relative error.
def line = log.readLines().find { it.contains('[ERROR] ChainRule: Shapes.volume at (side=1.5): ') }
assert line != null : 'no failure line for Shapes.volume in\n' + log
assert line.contains('∂volume/∂side from volumeGradient is ')
assert line.contains(', but finite differences give ')
assert line.contains('(relative error ')
assert line ==~ /.*volumeGradient is (-?[0-9.E-]+), but finite differences give (-?[0-9.E-]+) .*/
// 2·2x² against 2·3x²: the generated value is two thirds of the numeric one.
assert line.contains('volumeGradient is 9.0, but finite differences give 13.')
def m = line =~ /volumeGradient is (-?[0-9.E-]+), but finite differences give (-?[0-9.E-]+)/
def generated = m[0][1] as double
def numeric = m[0][2] as double
assert Math.abs(generated / numeric - 2.0 / 3.0) < 1e-6 : line
assert log.contains('[ERROR] ChainRule: Shapes.volume at (side=-0.5): ∂volume/∂side from volumeGradient is 1.0, but')
assert log.contains('∂volume/∂side from volumePullback is ')
assert log.contains('ChainRule check failed: 1 method: 0 passed, 1 failed, 0 unchecked')
return true
