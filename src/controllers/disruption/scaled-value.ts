/**
 * `intstr.GetScaledValueFromIntOrPercent` with `roundUp = true`, the way
 * the disruption controller (Kubernetes 1.32) reads both `minAvailable` and
 * `maxUnavailable`: an integer is itself, `"N%"` of `total` rounds up
 * (`ceil(N * total / 100)`), any other string is an error worded as Go's.
 */

export type ScaledValue = { readonly value: number } | { readonly error: string };

export function scaledValueRoundUp(intOrPercent: number | string, total: number): ScaledValue {
  if (typeof intOrPercent === 'number') return { value: intOrPercent };
  if (!intOrPercent.endsWith('%')) return { error: 'invalid value for IntOrString: invalid type: string is not a percentage' };
  const digits = intOrPercent.slice(0, -1);
  // strconv.Atoi: an optional sign and decimal digits only.
  if (!/^[+-]?\d+$/.test(digits)) {
    return { error: `invalid value for IntOrString: invalid value "${intOrPercent}": strconv.Atoi: parsing "${digits}": invalid syntax` };
  }
  return { value: Math.ceil((Number(digits) * total) / 100) };
}
