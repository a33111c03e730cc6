/**
 * Ministry pages written for the tests (invented country, invented text): a statement
 * whose title names the ministry, and a press release whose title does not, with the
 * ministry named only as the site's publisher and, in the body, by part of its name.
 * Menus, breadcrumbs and footers as such pages have them.
 */

export const STATEMENT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Statement of the Ministry of Foreign Affairs of the Republic of Norland on the river accord - Ministry of Foreign Affairs of the Republic of Norland</title>
</head><body>
<header><nav><a href="/">Home</a> <a href="/press">Press Service</a> <a href="/contacts">Contacts</a></nav></header>
<main><div class="breadcrumbs">Home / Press Service / Statements</div>
<article>
<h1>Statement of the Ministry of Foreign Affairs of the Republic of Norland on the river accord</h1>
<p>The Republic of Norland welcomes the signing of the river accord by the governments of both riverside states after two years of talks.</p>
<p>Norland calls on all parties to carry out the accord in good faith, to share the data of every gauging station and to settle any dispute through the joint commission it creates.</p>
<p>Norland stands ready to host the first meeting of that commission in its capital.</p>
<p>14 March 2024, Norburg</p>
</article></main>
<footer><p>Share this</p><p class="copyright">© 2024 Ministry of Foreign Affairs of the Republic of Norland. All rights reserved.</p></footer>
</body></html>`;

export const STATEMENT_PAGE_PUBLISHER = 'Ministry of Foreign Affairs of the Republic of Norland';

export const PRESS_RELEASE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta property="og:site_name" content="Ministry of Foreign Affairs, Norland">
<title>NORLAND SENDS WATER PUMPS TO THE DELTA REGION - Press Releases - Portal</title>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/media">Media</a></li></ul></nav>
<main><article>
<h1>NORLAND SENDS WATER PUMPS TO THE DELTA REGION</h1>
<p>Norland has today delivered two hundred water pumps to the delta region after the spring floods. The pumps were handed over at the port of Norburg in the presence of senior officials of the Ministry of Foreign Affairs and the Ministry of Agriculture.</p>
<p>The delivery is part of a wider programme of flood relief that Norland agreed with its neighbours last year, and it reflects the long friendship between the peoples of the two countries.</p>
<p>NORBURG</p>
<p>2 APRIL 2024</p>
</article></main>
<footer><p>Copyright © 2024 Ministry of Foreign Affairs, Norland</p></footer>
</body></html>`;

export const PRESS_RELEASE_PUBLISHER = 'Ministry of Foreign Affairs, Norland';
