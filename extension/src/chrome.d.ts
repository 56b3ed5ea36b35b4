/**
 * The part of the WebExtension API (chrome.*, promise-based in Manifest V3 in Chromium and Firefox)
 * that the extension uses, declared here instead of pulling in a types package.
 */
declare namespace chrome {
  namespace runtime {
    interface MessageSender {
      tab?: tabs.Tab;
      /** 0 for a tab's top frame. */
      frameId?: number;
      id?: string;
    }
    const onMessage: {
      addListener(cb: (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void) => boolean | void): void;
    };
    function sendMessage(message: unknown): Promise<unknown>;
    interface Port {
      readonly name: string;
      readonly sender?: MessageSender;
      postMessage(message: unknown): void;
      disconnect(): void;
      readonly onMessage: { addListener(cb: (message: unknown) => void): void };
      readonly onDisconnect: { addListener(cb: () => void): void };
    }
    function connect(info: { name: string }): Port;
    const onConnect: { addListener(cb: (port: Port) => void): void };
    function getURL(path: string): string;
    const lastError: { message?: string } | undefined;
  }
  namespace tabs {
    interface Tab {
      id?: number;
      url?: string;
      title?: string;
      status?: string;
    }
    function query(q: { active?: boolean; currentWindow?: boolean; url?: string | string[] }): Promise<Tab[]>;
    function get(tabId: number): Promise<Tab>;
    function sendMessage(tabId: number, message: unknown): Promise<unknown>;
    function update(tabId: number, props: { url?: string; active?: boolean }): Promise<Tab>;
    function create(props: { url: string; active?: boolean }): Promise<Tab>;
    const onUpdated: { addListener(cb: (tabId: number, change: { status?: string; url?: string }, tab: Tab) => void): void };
    const onRemoved: { addListener(cb: (tabId: number) => void): void };
  }
  namespace scripting {
    function executeScript(details: { target: { tabId: number; allFrames?: boolean }; files: string[]; world?: 'ISOLATED' | 'MAIN' }): Promise<unknown[]>;
  }
  namespace storage {
    interface Area {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    }
    const local: Area;
    const session: Area;
    const onChanged: {
      addListener(cb: (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void): void;
    };
  }
  namespace permissions {
    function contains(p: { origins: string[] }): Promise<boolean>;
    function request(p: { origins: string[] }): Promise<boolean>;
  }
}

/** The default Cowatch server, fixed at build time (build.mjs). */
declare const __DEFAULT_SERVER__: string;
