// Bytes to recording text: plain or gzip (told apart by the magic bytes, not the name). A gzip
// stream that stops early (a server that crashed) gives what was complete, marked as cut.

const GZIP = [0x1f, 0x8b];

/** Every byte of a ReadableStream. */
export async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === GZIP[0] && bytes[1] === GZIP[1];
}

/** {text, cut}: the recording's text, and whether a gzip stream ended before its end. */
export async function recordingText(bytes) {
  if (!isGzip(bytes)) return { text: new TextDecoder().decode(bytes), cut: false };
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let cut = false;
  for (;;) {
    let step;
    try {
      step = await reader.read();
    } catch {
      cut = true; // what was inflated before the cut is kept
      break;
    }
    if (step.done) break;
    text += decoder.decode(step.value, { stream: true });
  }
  return { text: text + decoder.decode(), cut };
}
