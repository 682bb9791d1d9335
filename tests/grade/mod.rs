//! Grading a class against the answer key: who the key is and handing in
//! (`hand_in`), the one-to-one pairing of marks (`matching`), the grade as
//! plain data, snapshot-tested (`rules`), `candor grade` in every format
//! (`cli`), and the HTML pages, escaped and checked in a browser (`html`).

mod cli;
mod hand_in;
mod html;
mod rules;
