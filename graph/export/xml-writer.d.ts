// Types of the part of xml-writer (the XML writer graphology-gexf writes with) that graphml.ts uses; the package ships none.
declare module 'xml-writer' {
  class XMLWriter {
    /** `indent`: false, true (four spaces) or the indent string; `write` receives the output piece by piece. */
    constructor(indent?: boolean | string, write?: (chunk: string, encoding: string) => void);
    startDocument(version?: string, encoding?: string): this;
    startElement(name: string): this;
    writeAttribute(name: string, value: string | number): this;
    text(content: string): this;
    endElement(): this;
    toString(): string;
  }
  export = XMLWriter;
}
