import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';

/** The most recent dead letters (newest first), refreshed every 2 s. */
export class QwcSinkwireDeadLetters extends LitElement {
    jsonRpc = new JsonRpc(this);

    static properties = {
        _letters: { state: true }
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
        this.jsonRpc.getDeadLetters().then(response => { this._letters = response.result; });
    }

    render() {
        if (!this._letters) {
            return html`<span>Loading dead letters...</span>`;
        }
        if (this._letters.length === 0) {
            return html`<span>No dead letters since the application started.</span>`;
        }
        return html`
            <vaadin-grid .items="${this._letters}" theme="row-stripes" all-rows-visible>
                <vaadin-grid-column path="time" header="Time" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="sink" header="Sink" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="reason" header="Reason" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="attempts" header="Attempts" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="eventType" header="Event type" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="event" header="Event"></vaadin-grid-column>
                <vaadin-grid-column path="cause" header="Cause"></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-sinkwire-dead-letters', QwcSinkwireDeadLetters);
