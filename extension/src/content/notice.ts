/**
 * A notice over the page (in a closed shadow root, so the site's styles and scripts leave it
 * alone): the room watches another page, or playback waits for a click.
 */
export class Notice {
  private host: HTMLElement | undefined;
  private root: ShadowRoot | undefined;

  show(text: string, action?: { label: string; run: () => void }): void {
    if (!this.host || !this.host.isConnected) {
      this.host = document.createElement('cowatch-notice');
      this.root = this.host.attachShadow({ mode: 'closed' });
      document.documentElement.append(this.host);
    }
    const style = document.createElement('style');
    style.textContent = `:host{all:initial}
      .box{position:fixed;z-index:2147483647;top:16px;left:50%;transform:translateX(-50%);max-width:min(560px,90vw);
        background:#1b1f2a;color:#f1f3f8;border:2px solid #5c7cfa;border-radius:10px;padding:12px 16px;
        font:15px/1.4 system-ui,sans-serif;box-shadow:0 6px 24px #0008;display:flex;gap:12px;align-items:center}
      .text{flex:1;overflow-wrap:anywhere} b{color:#91a7ff}
      button{font:inherit;background:#5c7cfa;color:#fff;border:0;border-radius:6px;padding:6px 12px;cursor:pointer}
      button:focus-visible{outline:3px solid #fff;outline-offset:2px}`;
    const box = document.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'status');
    const p = document.createElement('div');
    p.className = 'text';
    const brand = document.createElement('b');
    brand.textContent = 'Cowatch: ';
    p.append(brand, text);
    box.append(p);
    if (action) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      box.append(button);
    }
    this.root!.replaceChildren(style, box);
  }

  hide(): void {
    this.host?.remove();
    this.host = undefined;
    this.root = undefined;
  }

  get shown(): boolean {
    return this.host?.isConnected ?? false;
  }
}
