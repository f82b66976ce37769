import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';

/** Sinkwire's sinks: name, chain (outer to inner) and live counters, refreshed every 2 s. */
export class QwcSinkwireSinks extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        .chain { font-family: monospace; white-space: normal; }
        vaadin-grid { height: 100%; }
    `;

    static properties = {
        _sinks: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._load();
        this._timer = setInterval(() => this._load(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _load() {
        this.jsonRpc.getSinks().then(response => { this._sinks = response.result; });
    }

    render() {
        if (!this._sinks) {
            return html`<span>Loading sinks...</span>`;
        }
        return html`
            <vaadin-grid .items="${this._sinks}" theme="row-stripes" all-rows-visible>
                <vaadin-grid-sort-column path="name" header="Sink" auto-width></vaadin-grid-sort-column>
                <vaadin-grid-column header="Chain" .renderer="${this._chain}" flex-grow="3"></vaadin-grid-column>
                <vaadin-grid-column path="accepted" header="Accepted" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="delivered" header="Delivered" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="pending" header="Pending" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="failedAttempts" header="Failed attempts" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="retried" header="Retried" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="dropped" header="Dead letters" auto-width></vaadin-grid-column>
            </vaadin-grid>`;
    }

    _chain(root, column, model) {
        root.innerHTML = '';
        const span = document.createElement('span');
        span.className = 'chain';
        span.textContent = model.item.chain;
        root.appendChild(span);
    }
}
customElements.define('qwc-sinkwire-sinks', QwcSinkwireSinks);
