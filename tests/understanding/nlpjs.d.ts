// NLP.js ships no types; compare.ts uses only what it declares here.
declare module '@nlpjs/core' {
  export function containerBootstrap(): Promise<{ use(plugin: unknown): void; get(name: 'nlp'): NlpjsNlp }>;
  interface NlpjsNlp {
    settings: { autoSave: boolean };
    addLanguage(lang: string): void;
    addDocument(lang: string, text: string, intent: string): void;
    train(): Promise<unknown>;
    process(lang: string, text: string): Promise<unknown>;
  }
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
