/**
 * ZIP archives for vendors that take or give files as base64 zips (Oracle's ERP integration service: FBDI
 * uploads, ESS job logs). Writing stores entries uncompressed (every unzip reads it, and no dependency is
 * needed); reading takes stored and deflated entries, the two methods vendors use. No dependency and no
 * zlib (n8n's community node rules refuse it): deflate is decoded here, per RFC 1951.
 */

export interface ZipEntry {
	name: string;
	content: Buffer;
}

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

export function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** A zip of `entries`, stored (method 0), with a fixed 1980-01-01 timestamp so the same files give the same bytes. */
export function writeZip(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const crc = crc32(entry.content);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt16LE(0, 10); // time
		local.writeUInt16LE(0x21, 12); // date: 1980-01-01
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(entry.content.length, 18);
		local.writeUInt32LE(entry.content.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		locals.push(local, name, entry.content);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(0, 10);
		central.writeUInt16LE(0, 12);
		central.writeUInt16LE(0x21, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(entry.content.length, 20);
		central.writeUInt32LE(entry.content.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += local.length + name.length + entry.content.length;
	}
	const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, ...centrals, end]);
}

/** The entries of a zip (stored or deflated), read through its central directory. Throws on anything else. */
export function readZip(zip: Buffer): ZipEntry[] {
	let end = -1;
	for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
		if (zip.readUInt32LE(i) === 0x06054b50) {
			end = i;
			break;
		}
	}
	if (end < 0) throw new Error('not a zip archive (no end of central directory)');
	const count = zip.readUInt16LE(end + 10);
	let cursor = zip.readUInt32LE(end + 16);
	const entries: ZipEntry[] = [];
	for (let n = 0; n < count; n++) {
		if (zip.readUInt32LE(cursor) !== 0x02014b50) throw new Error('corrupt zip central directory');
		const method = zip.readUInt16LE(cursor + 10);
		const compressedSize = zip.readUInt32LE(cursor + 20);
		const nameLength = zip.readUInt16LE(cursor + 28);
		const extraLength = zip.readUInt16LE(cursor + 30);
		const commentLength = zip.readUInt16LE(cursor + 32);
		const localOffset = zip.readUInt32LE(cursor + 42);
		const name = zip.subarray(cursor + 46, cursor + 46 + nameLength).toString('utf8');
		const localNameLength = zip.readUInt16LE(localOffset + 26);
		const localExtraLength = zip.readUInt16LE(localOffset + 28);
		const start = localOffset + 30 + localNameLength + localExtraLength;
		const data = zip.subarray(start, start + compressedSize);
		if (method === 0) entries.push({ name, content: Buffer.from(data) });
		else if (method === 8) entries.push({ name, content: inflate(data) });
		else throw new Error(`zip entry ${name} uses compression method ${method}; only stored and deflated are read`);
		cursor += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

// ---------------------------------------------------------------------------------------------------------
// RFC 1951 inflate: stored, fixed and dynamic Huffman blocks.

interface Huffman {
	counts: Uint16Array;
	symbols: Uint16Array;
}

function huffman(lengths: Uint8Array): Huffman {
	const counts = new Uint16Array(16);
	for (const length of lengths) counts[length]++;
	counts[0] = 0;
	const offsets = new Uint16Array(16);
	for (let i = 1; i < 16; i++) offsets[i] = offsets[i - 1] + counts[i - 1];
	const symbols = new Uint16Array(lengths.length);
	for (let symbol = 0; symbol < lengths.length; symbol++) if (lengths[symbol]) symbols[offsets[lengths[symbol]]++] = symbol;
	return { counts, symbols };
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED = (() => {
	const lengths = new Uint8Array(288);
	lengths.fill(8, 0, 144);
	lengths.fill(9, 144, 256);
	lengths.fill(7, 256, 280);
	lengths.fill(8, 280, 288);
	return { literals: huffman(lengths), distances: huffman(new Uint8Array(30).fill(5)) };
})();

/** Decompresses a raw deflate stream. Throws on a corrupt stream rather than returning partial data. */
export function inflate(input: Buffer): Buffer {
	let position = 0;
	let bitBuffer = 0;
	let bitCount = 0;
	const out: number[] = [];
	const bits = (n: number): number => {
		while (bitCount < n) {
			if (position >= input.length) throw new Error('corrupt deflate stream: unexpected end');
			bitBuffer |= input[position++] << bitCount;
			bitCount += 8;
		}
		const value = bitBuffer & ((1 << n) - 1);
		bitBuffer >>>= n;
		bitCount -= n;
		return value;
	};
	const decode = (table: Huffman): number => {
		let code = 0;
		let first = 0;
		let index = 0;
		for (let length = 1; length < 16; length++) {
			code |= bits(1);
			const count = table.counts[length];
			if (code - first < count) return table.symbols[index + (code - first)];
			index += count;
			first = (first + count) << 1;
			code <<= 1;
		}
		throw new Error('corrupt deflate stream: bad Huffman code');
	};
	const blockData = (literals: Huffman, distances: Huffman) => {
		for (;;) {
			const symbol = decode(literals);
			if (symbol < 256) out.push(symbol);
			else if (symbol === 256) return;
			else {
				const l = symbol - 257;
				if (l >= 29) throw new Error('corrupt deflate stream: bad length');
				const length = LENGTH_BASE[l] + bits(LENGTH_EXTRA[l]);
				const d = decode(distances);
				if (d >= 30) throw new Error('corrupt deflate stream: bad distance');
				const distance = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d]);
				if (distance > out.length) throw new Error('corrupt deflate stream: distance too far back');
				for (let i = 0; i < length; i++) out.push(out[out.length - distance]);
			}
		}
	};
	let last = 0;
	while (!last) {
		last = bits(1);
		const type = bits(2);
		if (type === 0) {
			bitBuffer = 0;
			bitCount = 0;
			if (position + 4 > input.length) throw new Error('corrupt deflate stream: stored block header');
			const length = input[position] | (input[position + 1] << 8);
			position += 4;
			if (position + length > input.length) throw new Error('corrupt deflate stream: stored block too long');
			for (let i = 0; i < length; i++) out.push(input[position + i]);
			position += length;
		} else if (type === 1) {
			blockData(FIXED.literals, FIXED.distances);
		} else if (type === 2) {
			const literalCount = bits(5) + 257;
			const distanceCount = bits(5) + 1;
			const codeLengthCount = bits(4) + 4;
			const codeLengths = new Uint8Array(19);
			for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
			const codeLengthTable = huffman(codeLengths);
			const lengths = new Uint8Array(literalCount + distanceCount);
			for (let i = 0; i < literalCount + distanceCount; ) {
				const symbol = decode(codeLengthTable);
				if (symbol < 16) lengths[i++] = symbol;
				else {
					let repeat: number;
					let value = 0;
					if (symbol === 16) {
						if (i === 0) throw new Error('corrupt deflate stream: repeat with nothing before');
						value = lengths[i - 1];
						repeat = 3 + bits(2);
					} else if (symbol === 17) repeat = 3 + bits(3);
					else repeat = 11 + bits(7);
					if (i + repeat > lengths.length) throw new Error('corrupt deflate stream: too many lengths');
					lengths.fill(value, i, i + repeat);
					i += repeat;
				}
			}
			blockData(huffman(lengths.subarray(0, literalCount)), huffman(lengths.subarray(literalCount)));
		} else {
			throw new Error('corrupt deflate stream: reserved block type');
		}
	}
	return Buffer.from(out);
}
