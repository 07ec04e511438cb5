// One sector as a hex + ASCII dump (offset, 16 bytes, their printable characters), with the
// bytes that differ from the other view tinted.
import { For, Index } from 'solid-js';
import { differingBytes, hexOffset, hexRows, BYTES_PER_ROW } from './hex-format';

export function HexDump(props: { bytes: Uint8Array; other?: Uint8Array; baseOffset: number; label: string; testId: string }) {
  const rows = () => hexRows(props.bytes, props.baseOffset);
  const differs = () => differingBytes(props.bytes, props.other);
  return (
    <div class="hexdump-wrap">
      <table class="hexdump" aria-label={props.label} data-testid={props.testId}>
        <tbody>
          <For each={rows()}>
            {(row, r) => (
              <tr>
                <th scope="row" class="hexdump__offset">{hexOffset(row.offset)}</th>
                <td class="hexdump__hex">
                  <Index each={row.hex}>
                    {(hex, i) => (
                      <span classList={{ 'hexdump__byte': true, 'hexdump__byte--diff': differs()[r() * BYTES_PER_ROW + i], 'hexdump__byte--gap': i === 8 }}>
                        {hex()}
                      </span>
                    )}
                  </Index>
                </td>
                <td class="hexdump__ascii">{row.ascii}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
