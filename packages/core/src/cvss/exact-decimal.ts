/**
 * Exact decimal arithmetic for the CVSS v2 and v3 equations. The specifications define their
 * rounding (v2 "round to one decimal", v3 "Round up") on the exact result; doing the maths in
 * binary floating point lands values such as 8.55 or 7.0 a hair below or above the boundary and
 * rounds them the wrong way, which is the bug the v3.1 Roundup appendix works around. A bigint
 * scaled by a power of ten keeps every product of the specs' decimal constants exact.
 */

/** A decimal number: `units × 10^-scale`, exact. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const TEN = 10n;

function powerOfTen(exponent: number): bigint {
  return TEN ** BigInt(exponent);
}

/** Parse a decimal literal such as `"0.85"` or `"-1.5"`. */
export function decimal(text: string): ExactDecimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal literal: ${text}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  return { units: BigInt(`${sign}${whole}${fraction}`), scale: fraction.length };
}

/** The exact value of a binary double, so that float results can be rounded as written. */
export function decimalFromDouble(value: number): ExactDecimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Number.isInteger(value)) return { units: BigInt(value), scale: 0 };
  // Every finite double is m × 2^-k with integer m; m × 5^k × 10^-k is the same value in base ten.
  let mantissa = value;
  let k = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    k += 1;
  }
  return { units: BigInt(mantissa) * 5n ** BigInt(k), scale: k };
}

function rescale(value: ExactDecimal, scale: number): bigint {
  return value.units * powerOfTen(scale - value.scale);
}

/** a + b. */
export function add(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** a − b. */
export function subtract(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) - rescale(b, scale), scale };
}

/** The product of all factors (1 for none). */
export function multiply(...factors: readonly ExactDecimal[]): ExactDecimal {
  return factors.reduce(
    (product, factor) => ({
      units: product.units * factor.units,
      scale: product.scale + factor.scale,
    }),
    decimal("1"),
  );
}

/** base^exponent for a non-negative integer exponent. */
export function power(base: ExactDecimal, exponent: number): ExactDecimal {
  return { units: base.units ** BigInt(exponent), scale: base.scale * exponent };
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function compare(a: ExactDecimal, b: ExactDecimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const difference = rescale(a, scale) - rescale(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** The smaller of a and b. */
export function minimum(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return compare(a, b) <= 0 ? a : b;
}

/** The larger of a and b. */
export function maximum(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return compare(a, b) >= 0 ? a : b;
}

/** Round to `places` decimals, halves away from zero (the v2 guide's and FIRST's calculators' rule). */
export function roundHalfUp(value: ExactDecimal, places: number): ExactDecimal {
  if (value.scale <= places) return value;
  const divisor = powerOfTen(value.scale - places);
  const quotient = value.units / divisor;
  const remainder = value.units % divisor;
  const magnitude = remainder < 0n ? -remainder : remainder;
  const awayFromZero = value.units < 0n ? -1n : 1n;
  return { units: magnitude * 2n >= divisor ? quotient + awayFromZero : quotient, scale: places };
}

/** The smallest number with `places` decimals that is ≥ value (v3.0 "Round up"). */
export function ceiling(value: ExactDecimal, places: number): ExactDecimal {
  if (value.scale <= places) return value;
  const divisor = powerOfTen(value.scale - places);
  const quotient = value.units / divisor;
  // bigint division truncates toward zero, which is already the ceiling for negative values.
  return { units: value.units % divisor > 0n ? quotient + 1n : quotient, scale: places };
}

/** The nearest double, for handing scores out. */
export function toNumber(value: ExactDecimal): number {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return Number(`${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`);
}
