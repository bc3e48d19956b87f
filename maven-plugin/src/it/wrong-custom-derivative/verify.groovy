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
// A vector-valued method: the Jacobian's entry, in every form, and the pullback and tangents.
def jacobian = log.readLines().find { it.contains('[ERROR] ChainRule: Shapes.corners at (side=1.5, h=2.0): ∂corners[0]/∂side from cornersJacobian is 9.0, but finite differences give 13.') }
assert jacobian != null : 'no Jacobian failure line for Shapes.corners in\n' + log
assert jacobian.contains('(relative error 0.333 > tolerance 1.0E-6)')
['cornersJacobianForward', 'cornersJacobianReverse'].each {
  assert log.contains("∂corners[0]/∂side from ${it} is 9.0, but finite differences give 13.")
}
assert log.contains('Shapes.corners at (side=1.5, h=2.0): wᵀ∂corners/∂side (w = [')
assert log.contains('Shapes.corners at (side=1.5, h=2.0): the derivative of corners[0] along v = [')
assert log.contains(' from cornersMultiPushforward is ')
// A second-order method: its gradient, and the Hessian against differences of the generated gradient.
assert log.contains('[ERROR] ChainRule: Shapes.damped at (x=1.5, y=2.0): ∂damped/∂x from dampedGradient is 6.0, but finite differences give 9.99')
assert log.contains('[ERROR] ChainRule: Shapes.damped at (x=1.5, y=2.0): ∂²damped/∂x∂y from dampedHessian is 3.0, but differences of dampedGradient give 5.0')
assert log.contains(' from dampedHvp is ')
assert log.contains(' from dampedPullbackTangent is ')
assert log.contains('ChainRule check failed: 3 methods: 0 passed, 3 failed, 0 unchecked')
return true
