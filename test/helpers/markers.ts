/**
 * Reads the expected findings written inline in fixture files. A marker is a comment line of
 * its own whose caret stands under the start of the expected range on the nearest line above
 * that is not a marker:
 *
 *     nn.init.xavier_uniform_(self.fc1.weight)
 * #   ^ IL001 warning
 *
 * In TypeScript and JavaScript the comment starts with `//`. A fixture without markers must
 * produce no finding at all.
 */

/** One expected finding: where it starts, its code and severity. */
export interface Expected {
  line: number;
  character: number;
  code: string;
  severity: string;
}

const markerPattern = /^(\s*)(#|\/\/)(\s*)\^\s+(IL\d{3})\s+(error|warning|information|hint)\b/;

/** True when the line is a marker comment. */
export function isMarker(line: string): boolean {
  return markerPattern.test(line);
}

/** Parses every marker in the text; lines are those of the text as given (0-based). */
export function parseMarkers(text: string): Expected[] {
  const lines = text.split(/\r?\n/);
  const expected: Expected[] = [];
  let target = -1;
  lines.forEach((line, index) => {
    const match = markerPattern.exec(line);
    if (!match) {
      target = index;
      return;
    }
    const caret = line.indexOf("^");
    expected.push({ line: target, character: caret, code: match[4]!, severity: match[5]! });
  });
  return expected;
}

/** A finding reduced to what markers compare, as one readable string. */
export function describeFinding(f: Expected): string {
  return `${f.line + 1}:${f.character + 1} ${f.code} ${f.severity}`;
}
