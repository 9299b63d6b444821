/**
 * A QR code drawn as SVG squares from the `qrcode` package's module matrix: no canvas, no HTML
 * strings, crisp at any size on a projector.
 */
import QRCode from 'qrcode';
import { useMemo } from 'react';

/** Props: the text (a join link) and its accessible name. */
export interface JoinQrCodeProps {
  text: string;
  label: string;
}

/** The QR code of a join link. */
export default function JoinQrCode({ text, label }: JoinQrCodeProps) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++)
        if (modules.get(row, col)) d += `M${col + 2} ${row + 2}h1v1h-1z`;
    return { size: modules.size + 4, path: d };
  }, [text]);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-join-link={text}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
