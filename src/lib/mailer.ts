// Mail to members (email verification, 아이디 찾기, 비밀번호 재설정, the notice of a password
// change). Sending is queued, never awaited by a request: a page answers in the same time
// whether or not it sent anything (a reset for an unknown address must not be told apart by
// its timing), and a slow SMTP server slows no one. Without SMTP settings the mails are
// written to an outbox folder and their links logged, so local use needs no mail server.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "./log.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface MailSettings {
  /** SMTP server; unset: the outbox folder. */
  host?: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  outboxDir: string;
}

export interface Mailer {
  /** Queues a mail; a failure is logged, never thrown at the caller. */
  send(mail: Mail): void;
  /** Resolves once every queued mail is sent or has failed (tests, shutdown). */
  flush(): Promise<void>;
  close(): void;
}

const LINK = /https?:\/\/\S+/g;

export function createMailer(settings: MailSettings, log: Logger): Mailer {
  const transport = settings.host
    ? nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? "" } } : {}),
        // A hung server must not keep mails (and shutdown) waiting for minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const pending = new Set<Promise<void>>();
  let written = 0;

  const deliver = async (mail: Mail) => {
    const info = (await transport.sendMail({ from: settings.from, ...mail })) as { message?: Buffer; messageId?: string };
    if (settings.host) {
      log.info({ subject: mail.subject, messageId: info.messageId }, "mail sent");
      return;
    }
    await fs.promises.mkdir(settings.outboxDir, { recursive: true });
    const file = path.join(settings.outboxDir, `${Date.now()}-${process.pid}-${++written}.eml`);
    await fs.promises.writeFile(file, info.message ?? "", { mode: 0o600 });
    // The links are what a person running the board locally needs from the mail.
    log.info({ file, subject: mail.subject, links: mail.text.match(LINK) ?? [] }, "mail written to the outbox (no SMTP_HOST set)");
  };

  return {
    send(mail) {
      const sending = deliver(mail).catch((error: unknown) => log.error({ err: error, subject: mail.subject }, "mail could not be sent"));
      pending.add(sending);
      void sending.finally(() => pending.delete(sending));
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close() {
      transport.close();
    },
  };
}
