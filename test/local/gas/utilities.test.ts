import { CallCounter } from '../../../src/local/gas/counter';
import { LocalLogger, LocalUtilities } from '../../../src/local/gas/utilities';
import * as vm from 'node:vm';

const UTIL = 'https://developers.google.com/apps-script/reference/utilities/utilities';
const BLOB = 'https://developers.google.com/apps-script/reference/base/blob';
const LOGGER = 'https://developers.google.com/apps-script/reference/base/logger';
const SIMPLE_DATE_FORMAT = 'https://docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html';

function setup() {
  const counter = new CallCounter();
  return { counter, u: new LocalUtilities(counter) };
}

// 2024-01-05T15:04:05.007Z = Saturday 2024-01-06 00:04:05.007 in Tokyo (UTC+9, no DST).
const INSTANT = new Date(Date.UTC(2024, 0, 5, 15, 4, 5, 7));

describe(`Utilities.formatDate (${UTIL}#formatDate(Date,String,String), patterns: ${SIMPLE_DATE_FORMAT})`, () => {
  it('formats in Asia/Tokyo whatever the host zone is', () => {
    const { counter, u } = setup();
    expect(u.formatDate(INSTANT, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2024-01-06 00:04:05.007');
    expect(counter.snapshot()['Utilities.formatDate']).toBe(1);
  });

  it("the reference example: GMT with \"yyyy-MM-dd'T'HH:mm:ss'Z'\"", () => {
    const { u } = setup();
    expect(u.formatDate(INSTANT, 'GMT', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe('2024-01-05T15:04:05Z');
  });

  it('counts letters like SimpleDateFormat: yy, M, d, H, m, s, S', () => {
    const { u } = setup();
    expect(u.formatDate(INSTANT, 'Asia/Tokyo', 'yy/M/d H:m:s S')).toBe('24/1/6 0:4:5 7');
    expect(u.formatDate(INSTANT, 'Asia/Tokyo', 'y年M月d日')).toBe('2024年1月6日');
  });

  it('E, MMM and MMMM are English; a is AM/PM; h is 1-12', () => {
    const { u } = setup();
    expect(u.formatDate(INSTANT, 'Asia/Tokyo', 'E EEEE MMM MMMM a h')).toBe('Sat Saturday Jan January AM 12');
    expect(u.formatDate(INSTANT, 'UTC', 'EEE a hh')).toBe('Fri PM 03');
  });

  it("quoted literals: 'T', 'text', and '' for a quote", () => {
    const { u } = setup();
    expect(u.formatDate(INSTANT, 'Asia/Tokyo', "HH 'o''clock' ''")).toBe("00 o'clock '");
    expect(() => u.formatDate(INSTANT, 'Asia/Tokyo', "'open")).toThrow(/Unterminated quote/);
  });

  it('zone offsets with Z, X and XXX, including daylight saving time', () => {
    const { u } = setup();
    expect(u.formatDate(INSTANT, 'Asia/Tokyo', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2024-01-06T00:04:05+09:00');
    expect(u.formatDate(INSTANT, 'Asia/Tokyo', 'Z X')).toBe('+0900 +09');
    expect(u.formatDate(INSTANT, 'UTC', 'XXX')).toBe('Z');
    const july = new Date(Date.UTC(2024, 6, 1, 12, 0, 0));
    expect(u.formatDate(july, 'America/New_York', 'HH:mm XXX')).toBe('08:00 -04:00');
    expect(u.formatDate(INSTANT, 'America/New_York', 'HH:mm XXX')).toBe('10:04 -05:00');
  });

  it('accepts Java custom zone IDs such as GMT+09:00', () => {
    const { u } = setup();
    expect(u.formatDate(INSTANT, 'GMT+09:00', 'yyyy-MM-dd HH:mm')).toBe('2024-01-06 00:04');
    expect(u.formatDate(INSTANT, 'GMT-3', 'HH:mm Z')).toBe('12:04 -0300');
  });

  it('accepts a Date from another realm (the bundle runs in a vm context)', () => {
    const { u } = setup();
    const foreign = vm.runInNewContext('new Date(Date.UTC(2024, 0, 5, 15, 4, 5, 7))');
    expect(u.formatDate(foreign, 'Asia/Tokyo', 'yyyy/MM/dd')).toBe('2024/01/06');
  });

  it('reference silent: an unknown zone throws (stricter than Java\'s silent GMT fallback)', () => {
    const { u } = setup();
    expect(() => u.formatDate(INSTANT, 'Asia/Nowhere', 'yyyy')).toThrow('Invalid time zone: Asia/Nowhere');
  });

  it('pattern letters SimpleDateFormat rejects throw its message; known but unimplemented letters throw too', () => {
    const { u } = setup();
    expect(() => u.formatDate(INSTANT, 'UTC', 'yyyy-bb')).toThrow("Illegal pattern character 'b'");
    expect(() => u.formatDate(INSTANT, 'UTC', 'w')).toThrow(/not supported by the local runtime/);
  });

  it('a non-Date or an invalid Date is refused', () => {
    const { u } = setup();
    expect(() => u.formatDate('2024-01-01' as never, 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(() => u.formatDate(new Date(NaN), 'UTC', 'yyyy')).toThrow(/invalid/);
  });
});

describe(`Utilities.base64Encode / base64Decode (${UTIL}#base64Encode(String), ${UTIL}#base64Decode(String))`, () => {
  it('the reference examples: "A string here" <-> QSBzdHJpbmcgaGVyZQ==', () => {
    const { u } = setup();
    expect(u.base64Encode('A string here')).toBe('QSBzdHJpbmcgaGVyZQ==');
    expect(u.base64Decode('QSBzdHJpbmcgaGVyZQ==')).toEqual([65, 32, 115, 116, 114, 105, 110, 103, 32, 104, 101, 114, 101]);
  });

  it('bytes are Java bytes: signed, -128..127', () => {
    const { u } = setup();
    expect(u.base64Decode(u.base64Encode('進'))).toEqual([-23, -128, -78]);
    expect(u.base64Encode([-23, -128, -78])).toBe(u.base64Encode('進'));
  });

  it('the string form encodes UTF-8; the charset form accepts UTF_8 and US_ASCII', () => {
    const { u } = setup();
    expect(u.base64Encode('進捗', u.Charset.UTF_8)).toBe(Buffer.from('進捗', 'utf8').toString('base64'));
    expect(u.base64Encode('a進', u.Charset.US_ASCII)).toBe(Buffer.from('a?').toString('base64'));
  });

  it('web-safe variants use - and _ and keep the padding', () => {
    const { u } = setup();
    expect(u.base64Encode([-5, -1])).toBe('+/8=');
    expect(u.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(u.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
  });

  it('reference silent: malformed input throws "Could not decode string." instead of decoding garbage (stricter)', () => {
    const { u } = setup();
    expect(() => u.base64Decode('not base64!')).toThrow(/^Could not decode string\./);
    expect(() => u.base64Decode('-_8=')).toThrow(/Could not decode string/);
  });

  it('a value that is not a byte is refused', () => {
    const { u } = setup();
    expect(() => u.base64Encode([300])).toThrow(/not a byte/);
  });
});

describe(`Utilities.getUuid and sleep (${UTIL}#getUuid(), ${UTIL}#sleep(Integer))`, () => {
  it('getUuid returns a UUID string, different each call', () => {
    const { u } = setup();
    const a = u.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(u.getUuid()).not.toBe(a);
  });

  it('sleep is recorded (and counted) but does not block', () => {
    const { counter, u } = setup();
    u.sleep(300000);
    u.sleep(0);
    expect(u.sleeps).toEqual([300000, 0]);
    expect(counter.snapshot()['Utilities.sleep']).toBe(2);
  });

  it('"The maximum allowed value is 300000 (or 5 minutes)"', () => {
    const { u } = setup();
    expect(() => u.sleep(300001)).toThrow(/maximum of 300000/);
    expect(() => u.sleep(-1)).toThrow(/method signature/);
  });
});

describe(`Utilities.newBlob and Blob (${UTIL}#newBlob(String,String,String), ${BLOB})`, () => {
  it('from a string: bytes, data as string, content type and name', () => {
    const { counter, u } = setup();
    const blob = u.newBlob('進捗', 'text/plain', 'memo.txt');
    expect(blob.getDataAsString()).toBe('進捗');
    expect(blob.getBytes()).toEqual([-23, -128, -78, -26, -115, -105]);
    expect(blob.getContentType()).toBe('text/plain');
    expect(blob.getName()).toBe('memo.txt');
    expect(counter.snapshot()).toMatchObject({ 'Utilities.newBlob': 1, 'Blob.getDataAsString': 1, 'Blob.getBytes': 1 });
  });

  it('from bytes, and the reference example newBlob(base64Decode(...)).getDataAsString()', () => {
    const { u } = setup();
    expect(u.newBlob(u.base64Decode('QSBzdHJpbmcgaGVyZQ==')).getDataAsString()).toBe('A string here');
  });

  it('reference silent: without a content type or name both are null', () => {
    const { u } = setup();
    const blob = u.newBlob('x');
    expect(blob.getContentType()).toBeNull();
    expect(blob.getName()).toBeNull();
  });

  it('setName/setContentType/setDataFromString/setBytes chain and change the blob', () => {
    const { u } = setup();
    const blob = u.newBlob('a');
    expect(blob.setName('report.csv').setContentTypeFromExtension()).toBe(blob);
    expect(blob.getContentType()).toBe('text/csv');
    blob.setDataFromString('b,c').setContentType('text/plain');
    expect(blob.getDataAsString()).toBe('b,c');
    blob.setBytes([104, 105]);
    expect(blob.getDataAsString()).toBe('hi');
    const copy = blob.copyBlob();
    copy.setDataFromString('changed');
    expect(blob.getDataAsString()).toBe('hi');
  });

  it('getAs to another type needs Google\'s converters: refused locally', () => {
    const { u } = setup();
    const blob = u.newBlob('<b>x</b>', 'text/html');
    expect(blob.getAs('text/html').getDataAsString()).toBe('<b>x</b>');
    expect(() => blob.getAs('application/pdf')).toThrow(/cannot convert/);
  });
});

describe(`Logger (${LOGGER})`, () => {
  it('log(format, values) replaces %s placeholders (the reference example)', () => {
    const counter = new CallCounter();
    const logger = new LocalLogger(counter);
    expect(logger.log('You are a member of %s Google Groups.', 3)).toBe(logger);
    expect(logger.getLog()).toBe('You are a member of 3 Google Groups.');
    expect(counter.snapshot()).toMatchObject({ 'Logger.log': 1, 'Logger.getLog': 1 });
  });

  it('log(data): a string as is, an object as {key=value}, an object with message logs the message', () => {
    const logger = new LocalLogger(new CallCounter());
    logger.log('my log message');
    logger.log({ key: 'value' });
    logger.log({ message: 'my log message', data: { key: 'value' } });
    expect(logger.localLines()).toEqual(['my log message', '{key=value}', 'my log message']);
  });

  it('getLog returns every line; clear empties the log', () => {
    const logger = new LocalLogger(new CallCounter());
    logger.log('a').log('b');
    expect(logger.getLog()).toBe('a\nb');
    logger.clear();
    expect(logger.getLog()).toBe('');
  });

  it('reference silent: fewer values than %s placeholders throws (stricter, as Java String.format)', () => {
    const logger = new LocalLogger(new CallCounter());
    expect(() => logger.log('%s and %s', 'one')).toThrow(/more placeholders than values/);
  });
});
