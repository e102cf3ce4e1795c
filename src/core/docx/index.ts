// The .docx writer: pure and synchronous (runs inside the Apps Script bundle and in Node).
export { reportDocx, reportDocxEntries, columnWidths, columnAlign, rowLines, tableKeep, NO_IMAGE_TEXT, SHORT_TABLE_ROWS, SPLIT_ROW_LINES, type DocxImage, type DocxOptions, type TableKeep } from './report-docx';
export { DOCX_FONT } from './parts';
export { zip, crc32, type ZipEntry } from './zip';
export { deflateRaw } from './deflate';
export { utf8 } from './utf8';
export { esc as escapeXml } from './xml';
