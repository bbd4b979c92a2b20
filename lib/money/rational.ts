/** Exact rational numbers over bigint, always in lowest terms with a positive denominator. */

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function abs(value: bigint): bigint {
	return value < 0n ? -value : value;
}

export function gcd(a: bigint, b: bigint): bigint {
	a = abs(a);
	b = abs(b);
	while (b !== 0n) {
		const t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/** 10^n as a bigint, cached for the small exponents money needs. */
const POWERS: bigint[] = [];
export function pow10(n: number): bigint {
	if (n < 0 || !Number.isInteger(n)) throw new Error(`pow10: exponent must be a non-negative integer, got ${n}`);
	if (n < 32) {
		if (POWERS[n] === undefined) POWERS[n] = 10n ** BigInt(n);
		return POWERS[n];
	}
	return 10n ** BigInt(n);
}

/** Floor division for bigint (bigint `/` truncates toward zero). */
export function floorDiv(n: bigint, d: bigint): bigint {
	const q = n / d;
	return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? q - 1n : q;
}

/** Round n/d to the nearest integer, halves away from zero (commercial "half up"). d must be positive. */
export function roundHalfUpDiv(n: bigint, d: bigint): bigint {
	if (n >= 0n) return (2n * n + d) / (2n * d);
	return -((2n * -n + d) / (2n * d));
}

export class Rational {
	readonly num: bigint;
	readonly den: bigint;

	private constructor(num: bigint, den: bigint) {
		this.num = num;
		this.den = den;
	}

	static readonly ZERO = new Rational(0n, 1n);
	static readonly ONE = new Rational(1n, 1n);

	/** n/d in lowest terms. Numbers must be safe integers. */
	static of(n: bigint | number, d: bigint | number = 1n): Rational {
		const num = toBigInt(n, 'numerator');
		const den = toBigInt(d, 'denominator');
		if (den === 0n) throw new Error('Rational: denominator is zero');
		return Rational.normalise(num, den);
	}

	/** Already-integral value, no gcd needed. */
	static fromBigInt(n: bigint): Rational {
		return new Rational(n, 1n);
	}

	private static normalise(num: bigint, den: bigint): Rational {
		if (den < 0n) {
			num = -num;
			den = -den;
		}
		if (num === 0n) return Rational.ZERO;
		if (den === 1n) return new Rational(num, 1n);
		const g = gcd(num, den);
		return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
	}

	/**
	 * Parses a plain decimal ("1019.18", "-0.05", "42") or a number. Numbers are accepted only when they are safe
	 * integers or their shortest String() form is a plain decimal (no exponent), so 0.1 means exactly 1/10 and no
	 * binary-float arithmetic ever happens.
	 */
	static parse(value: string | number): Rational {
		const text = decimalText(value);
		const match = DECIMAL_PATTERN.exec(text);
		if (!match) throw new Error(`'${text}' is not a plain decimal number (digits with an optional '.' fraction, no exponent)`);
		const [, sign, whole, fraction = ''] = match;
		const digits = BigInt(whole + fraction);
		return Rational.normalise(sign === '-' ? -digits : digits, pow10(fraction.length));
	}

	add(other: Rational): Rational {
		if (this.den === other.den) return Rational.normalise(this.num + other.num, this.den);
		return Rational.normalise(this.num * other.den + other.num * this.den, this.den * other.den);
	}

	sub(other: Rational): Rational {
		if (this.den === other.den) return Rational.normalise(this.num - other.num, this.den);
		return Rational.normalise(this.num * other.den - other.num * this.den, this.den * other.den);
	}

	mul(other: Rational): Rational {
		return Rational.normalise(this.num * other.num, this.den * other.den);
	}

	div(other: Rational): Rational {
		if (other.num === 0n) throw new Error('Rational: division by zero');
		return Rational.normalise(this.num * other.den, this.den * other.num);
	}

	neg(): Rational {
		return new Rational(-this.num, this.den);
	}

	abs(): Rational {
		return this.num < 0n ? this.neg() : this;
	}

	compare(other: Rational): -1 | 0 | 1 {
		const left = this.num * other.den;
		const right = other.num * this.den;
		return left < right ? -1 : left > right ? 1 : 0;
	}

	equals(other: Rational): boolean {
		return this.num === other.num && this.den === other.den;
	}

	isZero(): boolean {
		return this.num === 0n;
	}

	isInteger(): boolean {
		return this.den === 1n;
	}

	sign(): -1 | 0 | 1 {
		return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
	}

	min(other: Rational): Rational {
		return this.compare(other) <= 0 ? this : other;
	}

	max(other: Rational): Rational {
		return this.compare(other) >= 0 ? this : other;
	}

	/** Largest integer not above the value. */
	floor(): bigint {
		return floorDiv(this.num, this.den);
	}

	/** Nearest integer, halves away from zero (2.5 → 3, -2.5 → -3). */
	roundHalfUp(): bigint {
		return roundHalfUpDiv(this.num, this.den);
	}

	/** The value rounded half-up to `scale` decimal places, written as a plain decimal ("84.931", "-0.05"). */
	toDecimalString(scale = 2): string {
		const factor = pow10(scale);
		const scaled = roundHalfUpDiv(this.num * factor, this.den);
		return formatScaled(scaled, scale);
	}

	toString(): string {
		return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
	}
}

/** Writes an integer count of 10^-scale units as a decimal string. */
export function formatScaled(scaled: bigint, scale: number): string {
	// The usual amount (a safe integer, at most eight decimals) is split with exact integer arithmetic on the number
	// and written from digit tables: no bigint comparison or formatting, one concatenation for up to four decimals.
	// A bigint beyond the safe range converts to a number beyond it too (rounding never crosses 2^53), so the
	// range check on the number is exact.
	const value = Number(scaled);
	if (scale <= 8 && value <= Number.MAX_SAFE_INTEGER && value >= -Number.MAX_SAFE_INTEGER) {
		// Amounts repeat (a schedule's monthly lines, zeros): the last text written in the value's slot is reused.
		const slot = ((value | 0) ^ (scale << 6)) & (MEMO_SIZE - 1);
		if (memoValues[slot] === value && memoScales[slot] === scale) return memoTexts[slot];
		const text = safeText(value, scale);
		memoValues[slot] = value;
		memoScales[slot] = scale;
		memoTexts[slot] = text;
		return text;
	}
	const negative = scaled < 0n;
	const magnitude = negative ? -scaled : scaled;
	const digits = magnitude.toString();
	const sign = negative ? '-' : '';
	if (scale === 0) return sign + digits;
	if (digits.length > scale) return `${sign}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
	return `${sign}0.${digits.padStart(scale, '0')}`;
}

/** A small direct-mapped memo of formatScaled's texts: value and scale per slot (NaN: empty), and the text. */
const MEMO_SIZE = 512;
const memoValues = new Float64Array(MEMO_SIZE).fill(Number.NaN);
const memoScales = new Int8Array(MEMO_SIZE);
const memoTexts = new Array<string>(MEMO_SIZE).fill('');

/** formatScaled of a safe integer `value` at a scale of at most 8. */
function safeText(value: number, scale: number): string {
	const units = value < 0 ? -value : value;
	if (scale === 0) return value < 0 ? '-' + wholeText(units) : wholeText(units);
	const unit = UNIT_OF_SCALE[scale];
	let whole = Math.floor(units / unit);
	let fraction = units - whole * unit;
	// A float quotient near 2^53 could in principle round up to the next integer; the remainder puts it right.
	if (fraction < 0) {
		whole -= 1;
		fraction += unit;
	} else if (fraction >= unit) {
		whole += 1;
		fraction -= unit;
	}
	let text: string;
	// One or two decimals and below 10^4 tails (a million at two decimals), the last scale + 2 digits with their
	// point come from one table: one join instead of two.
	const tailSize = TAIL_SIZE[scale];
	if (scale <= 2 && units < tailSize * 10000) {
		if (units < tailSize) text = SHORT_TEXT[scale][units];
		else {
			const head = Math.floor(units / tailSize);
			text = PLAIN_DIGITS[head] + TAIL_TEXT[scale][units - head * tailSize];
		}
	} else if (scale <= 4) text = wholeText(whole) + POINT_FRACTION_DIGITS[scale][fraction];
	else {
		const high = Math.floor(fraction / 10000);
		text = wholeText(whole) + POINT_FRACTION_DIGITS[scale - 4][high] + FOUR_DIGITS[fraction - high * 10000];
	}
	return value < 0 ? '-' + text : text;
}

const UNIT_OF_SCALE = [1, 10, 100, 1000, 10000, 1e5, 1e6, 1e7, 1e8];
const PLAIN_DIGITS = Array.from({ length: 10000 }, (_, n) => String(n));
const FOUR_DIGITS = Array.from({ length: 10000 }, (_, n) => String(n).padStart(4, '0'));
/** A non-negative safe integer in decimal, from the tables below 10^12 (String() of a number is slower here). */
function wholeText(n: number): string {
	if (n < 10000) return PLAIN_DIGITS[n];
	if (n < 100000000) {
		const high = Math.floor(n / 10000);
		return PLAIN_DIGITS[high] + FOUR_DIGITS[n - high * 10000];
	}
	if (n < 1000000000000) {
		const high = Math.floor(n / 100000000);
		const rest = n - high * 100000000;
		const middle = Math.floor(rest / 10000);
		return PLAIN_DIGITS[high] + FOUR_DIGITS[middle] + FOUR_DIGITS[rest - middle * 10000];
	}
	return String(n);
}

/** The decimal point and fraction digits of each scale 1..4, zero-padded: POINT_FRACTION_DIGITS[2][5] is ".05". */
const POINT_FRACTION_DIGITS = [[], ...[1, 2, 3, 4].map((scale) => FOUR_DIGITS.slice(0, UNIT_OF_SCALE[scale]).map((text) => `.${text.slice(4 - scale)}`))];

/**
 * Scales 1 and 2: the text of every count below TAIL_SIZE (scale + 2 digits) units, as a whole amount
 * (SHORT_TEXT[2][5] is "0.05", [2][1234] "12.34") and as the end of a longer one (TAIL_TEXT[2][5] is "00.05").
 */
const TAIL_SIZE = [1, 1000, 10000, 0, 0, 0, 0, 0, 0];
const [SHORT_TEXT, TAIL_TEXT] = [false, true].map((padded) => [[], ...[1, 2].map((scale) => Array.from({ length: TAIL_SIZE[scale] }, (_, n) => {
	const whole = Math.floor(n / UNIT_OF_SCALE[scale]);
	return (padded ? FOUR_DIGITS[whole].slice(2) : PLAIN_DIGITS[whole]) + POINT_FRACTION_DIGITS[scale][n - whole * UNIT_OF_SCALE[scale]];
}))]);

/** The plain-decimal text of a string or number input; numbers in exponent form are rejected. */
export function decimalText(value: string | number): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
		if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
			throw new Error(`${value} is beyond the safe integer range; pass it as a decimal string`);
		}
		const text = String(value);
		if (/e/i.test(text)) throw new Error(`${text} has no short exact decimal form; pass it as a decimal string`);
		return text;
	}
	if (typeof value !== 'string') throw new Error(`expected a decimal string or number, got ${typeof value}`);
	return value.trim();
}

function toBigInt(value: bigint | number, what: string): bigint {
	if (typeof value === 'bigint') return value;
	if (!Number.isSafeInteger(value)) throw new Error(`Rational: ${what} ${value} is not a safe integer`);
	return BigInt(value);
}
