// Copies what tsc does not emit into dist: node and credential icons, and the output schemas under __schema__.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

function copySchemas() {
	return src('nodes/**/__schema__/**/*.json', { base: '.', allowEmpty: true }).pipe(
		dest(path.resolve('dist')),
	);
}

task('build:assets', parallel(copyIcons, copySchemas));
