import { renderToString } from 'react-dom/server';

type Props = { title: string };

let renders = 0;
const titles: string[] = [];

function Page({ title }: Props) {
  const parts: string[] = [];
  parts.push(title); // ok: local array inside a component
  return <h1 className="title">{parts.join(' ')}</h1>;
}

export const handler = async (event: { title?: string }) => {
  renders++; // want "LMI001"
  titles.push('page'); // want "LMI001"
  const html = renderToString(<Page title={event.title ?? 'home'} />);
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: html };
};
