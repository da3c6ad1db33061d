declare module 'email-reply-parser' {
  export default class EmailReplyParser {
    read(text: string): { getVisibleText(options?: { aggressive?: boolean }): string; getFragments(): { getContent(): string; isQuoted(): boolean; isHidden(): boolean }[] };
    parseReply(text: string): string;
  }
}
