import { InternalError } from '../errors.js';
/**
 * JSZip stamps every entry with the current time; overwrite the DOS time/date of each local and
 * central directory header (CRCs do not cover them) so the archive is byte-identical across runs.
 */
export function pinZipTimes(zip, time) {
    const out = Buffer.from(zip);
    const dosTime = (time.getUTCHours() << 11) | (time.getUTCMinutes() << 5);
    const dosDate = ((time.getUTCFullYear() - 1980) << 9) | ((time.getUTCMonth() + 1) << 5) | time.getUTCDate();
    let eocd = -1;
    for (let i = out.length - 22; i >= 0; i--) {
        if (out.readUInt32LE(i) === 0x06054b50) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0)
        throw new InternalError('pinZipTimes: not a zip archive');
    const count = out.readUInt16LE(eocd + 10);
    let p = out.readUInt32LE(eocd + 16);
    for (let n = 0; n < count; n++) {
        if (out.readUInt32LE(p) !== 0x02014b50)
            throw new InternalError('pinZipTimes: bad central directory');
        out.writeUInt16LE(dosTime, p + 12);
        out.writeUInt16LE(dosDate, p + 14);
        const local = out.readUInt32LE(p + 42);
        out.writeUInt16LE(dosTime, local + 10);
        out.writeUInt16LE(dosDate, local + 12);
        p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
    }
    return out;
}
//# sourceMappingURL=pin-zip-times.js.map