// What a clone must carry to be complete, and doc mistakes that cost a newcomer an hour.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => fs.readFileSync(file, "utf8");
const docs = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync("docs", { recursive: true }).map(String).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe("the docs", () => {
  it("never point outside the repository", () => {
    for (const file of docs) expect(read(file), file).not.toMatch(/\.\.\/shared|PRODUCT\.md/);
  });

  it("are what code comments point at: docs/product.md, never a file outside the clone", () => {
    const code = ["src", "views", "public", "scripts", "prisma", "bench"].flatMap((dir) =>
      fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(ts|ejs|js|mjs|css)$/.test(f) && !f.includes("generated")).map((f) => `${dir}/${f}`),
    );
    for (const file of code) expect(read(file), file).not.toMatch(/\.\.\/shared|PRODUCT\.md/);
  });

  it("keep the product's rules in the repository", () => {
    const product = read("docs/product.md");
    for (const rule of ["운영배심원", "글 내리기", "1000", "30 posts and 50 comments", "2024/01/22 20:54"]) expect(product).toContain(rule);
    expect(read("README.md")).toContain("docs/product.md");
  });

  it("show environment files without comments after values (systemd keeps them as part of the value)", () => {
    for (const file of docs) {
      for (const line of read(file).split("\n")) {
        if (/^[A-Z][A-Z0-9_]*=/.test(line)) expect(line, `${file}: ${line}`).not.toMatch(/\s#/);
      }
    }
  });

  it("ask for the Node version package.json requires", () => {
    const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
    expect(engines).toContain(">=20.12");
    expect(read("README.md")).toContain("Node 20.12 or newer");
    expect(read("docs/deploy.md")).not.toMatch(/apt-get install[^\n]*\bnodejs npm\b/);
  });

  it("carry a license and the checks to run before a commit", () => {
    expect((JSON.parse(read("package.json")) as { license: string }).license).toBe("MIT");
    expect(read("LICENSE")).toMatch(/^MIT License/);
    expect(read("CONTRIBUTING.md")).toContain("npm test");
  });

  it("say what synchronous=NORMAL risks and how to choose FULL", () => {
    expect(read("docs/decisions/0002-one-sqlite-connection.md")).toMatch(/power cut[\s\S]*SQLITE_SYNCHRONOUS=FULL/);
  });
});

describe("the decision records", () => {
  it("are each listed in the index with their title", () => {
    const index = read("docs/decisions/README.md");
    for (const file of fs.readdirSync("docs/decisions").filter((f) => /^\d{4}-.*\.md$/.test(f))) {
      const title = read(`docs/decisions/${file}`).split("\n")[0]!.split(" — ")[1]!;
      expect(index, file).toContain(`[${file.slice(0, 4)}](${file}) | ${title} |`);
    }
  });

  it("each carry a date and a status", () => {
    for (const file of fs.readdirSync("docs/decisions").filter((f) => /^\d{4}-.*\.md$/.test(f))) {
      const text = read(`docs/decisions/${file}`);
      expect(text, file).toMatch(/^Date: \d{4}-\d{2}-\d{2}$/m);
      expect(text, file).toMatch(/^Status: (accepted|superseded|proposed)/m);
    }
  });
});
