/**
 * The file types uploads accept, told by their bytes and not by what the client says:
 * the stored content type is always one of these. A file whose bytes do not match its
 * name's extension is refused, so a renamed executable never becomes a "PDF".
 */
interface FileType {
  extensions: readonly string[];
  contentType: string;
  matches(bytes: Buffer): boolean;
}

const startsWith = (signature: readonly number[], offset = 0) => (bytes: Buffer): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];
const zip = startsWith([0x50, 0x4b, 0x03, 0x04]);
const ole = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf8Text = (bytes: Buffer): boolean => !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);

const FILE_TYPES: readonly FileType[] = [
  { extensions: ['.pdf'], contentType: 'application/pdf', matches: startsWith(ascii('%PDF-')) },
  { extensions: ['.png'], contentType: 'image/png', matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { extensions: ['.jpg', '.jpeg'], contentType: 'image/jpeg', matches: startsWith([0xff, 0xd8, 0xff]) },
  { extensions: ['.gif'], contentType: 'image/gif', matches: (bytes) => startsWith(ascii('GIF87a'))(bytes) || startsWith(ascii('GIF89a'))(bytes) },
  { extensions: ['.webp'], contentType: 'image/webp', matches: (bytes) => startsWith(ascii('RIFF'))(bytes) && startsWith(ascii('WEBP'), 8)(bytes) },
  { extensions: ['.docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', matches: zip },
  { extensions: ['.xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: zip },
  { extensions: ['.pptx'], contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', matches: zip },
  { extensions: ['.zip'], contentType: 'application/zip', matches: zip },
  { extensions: ['.doc'], contentType: 'application/msword', matches: ole },
  { extensions: ['.xls'], contentType: 'application/vnd.ms-excel', matches: ole },
  { extensions: ['.txt', '.md'], contentType: 'text/plain; charset=utf-8', matches: utf8Text },
  { extensions: ['.csv'], contentType: 'text/csv; charset=utf-8', matches: utf8Text },
];

/** Every extension an upload may have, for the error message and the API docs. */
export const ACCEPTED_EXTENSIONS: readonly string[] = FILE_TYPES.flatMap((type) => type.extensions);

/** The stored content type of a file named `name` with these bytes, or undefined when it is not accepted. */
export function contentTypeOf(name: string, bytes: Buffer): string | undefined {
  const lower = name.toLowerCase();
  const type = FILE_TYPES.find((candidate) => candidate.extensions.some((extension) => lower.endsWith(extension)));
  return type && type.matches(bytes) ? type.contentType : undefined;
}
